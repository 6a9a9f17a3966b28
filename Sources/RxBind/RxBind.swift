/// The version of the tool, printed by `rxbind --version` and recorded in every manifest.
public let toolVersion = "0.2.0"

/// The rule-set version recorded in every manifest.
public var ruleSetVersion: String { Classifier.ruleSetVersion }
