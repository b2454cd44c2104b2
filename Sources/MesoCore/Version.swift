/// The library's version, stored in every output file.
public let mesoPopVersion = "0.1.0"
