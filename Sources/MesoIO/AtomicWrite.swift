import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the file at `url` atomically: `body` writes a temporary file in the same directory, which is
/// flushed to disk and renamed onto `url`. If anything fails, the temporary file is removed and whatever
/// was at `url` stays as it was, so a failed or interrupted run never leaves a truncated file there.
/// SIGINT, SIGTERM and SIGHUP remove the temporary file too; one left by a killed process is removed
/// by the next write to `url` (see `TemporaryFiles`).
public func atomicWrite(to url: URL, _ body: (_ temporaryURL: URL) throws -> Void) throws(MesoIOError) {
  try checkOutputPath(url)
  TemporaryFiles.removeStale(for: url)
  let temporary = TemporaryFiles.temporaryURL(for: url)
  let slot = TemporaryFiles.register(temporary)
  defer { TemporaryFiles.unregister(slot) }
  do {
    try body(temporary)
    let handle = try FileHandle(forWritingTo: temporary)
    try handle.synchronize()
    try handle.close()
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      throw MesoIOError(path: url.path, reason: "cannot rename the temporary file onto it: \(reason)")
    }
  } catch {
    try? FileManager.default.removeItem(at: temporary)
    throw MesoIOError(error, at: url)
  }
}

/// Writes `data` to `url` atomically (see `atomicWrite(to:_:)`).
public func atomicWrite(_ data: Data, to url: URL) throws(MesoIOError) {
  try atomicWrite(to: url) { try data.write(to: $0) }
}

/// Checks, before any work, that a file can be written at `url`: its directory exists and is
/// writable, and `url` is not a directory.
public func checkOutputPath(_ url: URL) throws(MesoIOError) {
  try requireWritableDirectory(url.deletingLastPathComponent(), for: url)
  // The temporary name adds 60 bytes; file names may have NAME_MAX = 255.
  guard url.lastPathComponent.utf8.count <= 195 else {
    throw MesoIOError(path: url.path, reason: "the file name is longer than 195 bytes")
  }
  var isDirectory: ObjCBool = false
  if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
    throw MesoIOError(path: url.path, reason: "is a directory")
  }
}

private func requireWritableDirectory(_ directory: URL, for url: URL) throws(MesoIOError) {
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
    throw MesoIOError(path: url.path, reason: "directory \(directory.path) does not exist")
  }
  guard isDirectory.boolValue else {
    throw MesoIOError(path: url.path, reason: "\(directory.path) is not a directory")
  }
  guard FileManager.default.isWritableFile(atPath: directory.path) else {
    throw MesoIOError(path: url.path, reason: "directory \(directory.path) is not writable")
  }
}
