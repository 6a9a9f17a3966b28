import RxBind
print("rxbind \(toolVersion)")
