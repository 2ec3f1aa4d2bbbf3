using System;

namespace QlikLicense.Logs
{
    /// <summary>
    /// The bytes a <see cref="LogFileReader"/> reads into, handed by one thread from each reader to the next, so that
    /// a scan of thousands of small logs does not allocate (and zero) a buffer per file. One reader at a time: a
    /// reader owns it from Open to Dispose; a buffer grown for a long line stays grown for the next file.
    /// </summary>
    internal sealed class LogReadBuffer
    {
        public LogReadBuffer(int bytes = LogFileReader.InitialBufferBytes)
        {
            if (bytes < 1) throw new ArgumentOutOfRangeException(nameof(bytes));
            Bytes = new byte[bytes];
        }

        internal byte[] Bytes { get; set; }
    }
}
