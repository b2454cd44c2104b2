import Foundation

/// `count` values read from `data` as little-endian `Word`s starting `offset` bytes in; the caller
/// checks that the bytes are there.
func loadLittleEndian<Value, Word: FixedWidthInteger>(
  _ count: Int, _ word: Word.Type, from data: Data, at offset: Int, _ value: (Word) -> Value
) -> [Value] {
  let size = MemoryLayout<Word>.size
  precondition(offset >= 0 && offset + count * size <= data.count, "loadLittleEndian: out of bounds")
  return data.withUnsafeBytes { raw in
    (0..<count).map { value(Word(littleEndian: raw.loadUnaligned(fromByteOffset: offset + $0 * size, as: Word.self))) }
  }
}
