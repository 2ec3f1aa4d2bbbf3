using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace QlikLicense.Logs
{
    /// <summary>
    /// A field's UTF-8 bytes as a scan keeps them (a slice of a <see cref="DenialTextStore"/> block), decoded only
    /// when read. Equal when the bytes are: the store keeps ids in one spelling of their text (see
    /// <see cref="DenialTextStore.Keep"/>), so equal bytes mean equal text. The default value is no text (null).
    /// </summary>
    internal readonly struct Utf8Text : IEquatable<Utf8Text>
    {
        /// <summary>How log bytes become text: invalid bytes become U+FFFD rather than an error.</summary>
        internal static readonly UTF8Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        private readonly byte[]? bytes;
        private readonly int start;
        private readonly int length;

        internal Utf8Text(byte[] bytes, int start, int length)
        {
            this.bytes = bytes;
            this.start = start;
            this.length = length;
        }

        public bool IsNull => bytes == null;

        /// <summary>Part of this text, <paramref name="length"/> bytes from <paramref name="offset"/>.</summary>
        public Utf8Text Slice(int offset, int length) => new Utf8Text(bytes!, start + offset, length);

        public string? Decode() => bytes == null ? null : length == 0 ? string.Empty : Encoding.GetString(bytes, start, length);

        [MethodImpl(LogFileReader.HotPath)]
        public bool Equals(Utf8Text other)
        {
            if (bytes == null || other.bytes == null) return bytes == other.bytes;
            if (length != other.length) return false;
            for (var index = 0; index < length; index++)
            {
                if (bytes[start + index] != other.bytes[other.start + index]) return false;
            }
            return true;
        }

        public override bool Equals(object? other) => other is Utf8Text text && Equals(text);

        /// <summary>FNV-1a over the bytes.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public override int GetHashCode()
        {
            if (bytes == null) return 0;
            return DenialTextStore.Hash(bytes, start, start + length);
        }
    }
}
