// Deterministic generator of nights for `make bench`.
print("rxbind-gen: not written yet")
