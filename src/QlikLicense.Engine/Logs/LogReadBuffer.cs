using System;

namespace QlikLicense.Logs
{
    /// <summary>
    /// The bytes a <see cref="LogFileReader"/> reads into, handed by one thread from each reader to the next, so that
    /// a scan of thousands of small logs does not allocate (and zero) a buffer per file. One reader at a time: a
    /// reader owns it from Open to Dispose; a buffer grown for a long line stays grown for the next file. A reader of a
    /// file mapped into memory copies into it only the lines it returns.
    /// </summary>
    internal sealed class LogReadBuffer
    {
        public LogReadBuffer(int bytes = LogFileReader.InitialBufferBytes)
        {
            if (bytes < 1) throw new ArgumentOutOfRangeException(nameof(bytes));
            Bytes = new byte[bytes];
            BlockBytes = bytes;
        }

        /// <summary>
        /// The buffer's first size, and the size of the windows a reader searches a mapped file in (a line longer than
        /// a window is searched whole). Tests make it small to put block boundaries everywhere.
        /// </summary>
        internal int BlockBytes { get; }

        internal byte[] Bytes { get; set; }
    }
}
