import Foundation

/// A file that could not be written or read, with its path and the reason:
/// `/out/run.npz: directory /out does not exist`.
public struct MesoIOError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
  /// The file (or, inside an archive, the entry) concerned.
  public var path: String
  /// What went wrong, phrased to follow the path and a colon.
  public var reason: String

  /// A failure of the file at `path`, explained by `reason`.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// `error` as a failure concerning `url`; an error about an entry inside the file keeps the entry in the reason.
  init(_ error: any Error, at url: URL) {
    switch error {
    case let error as MesoIOError where error.path == url.path: self = error
    case let error as MesoIOError: self.init(path: url.path, reason: error.description)
    case let error as POSIXError: self.init(path: url.path, reason: String(cString: strerror(error.code.rawValue)))
    case let error as any CustomNSError: self.init(path: url.path, reason: error.localizedDescription)
    default: self.init(path: url.path, reason: String(describing: error))
    }
  }

  public var description: String { "\(path): \(reason)" }
  public var errorDescription: String? { description }
}
