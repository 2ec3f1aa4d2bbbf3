#if NET8_0_OR_GREATER
using System;
using System.IO;
using System.IO.MemoryMappedFiles;

namespace QlikLicense.Logs
{
    /// <summary>
    /// A log file mapped read-only into memory, so that <see cref="LogFileReader"/> searches its bytes where they lie in
    /// the page cache instead of copying them into its buffer first (that copy was a third of a scan's CPU: see
    /// docs/performance.md). The length mapped is the file's at the time it is mapped; what is written after is not seen.
    /// The one unsafe type of the engine (AllowUnsafeBlocks, net8.0 only): .NET gives a mapped view's bytes as a
    /// pointer and no safe span, so the spans are made here, each checked to lie inside the view.
    /// </summary>
    internal sealed unsafe class MappedLogFile : IDisposable
    {
        private readonly MemoryMappedFile file;
        private readonly MemoryMappedViewAccessor view;
        private readonly byte* first;

        private MappedLogFile(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* first, long length)
        {
            this.file = file;
            this.view = view;
            this.first = first;
            Length = length;
        }

        /// <summary>The bytes mapped: the file's length when it was mapped.</summary>
        public long Length { get; }

        /// <summary>
        /// Maps the first <paramref name="length"/> bytes of an open file; null when the system will not (a file
        /// that shrank meanwhile, a file system without mapping, no address space left), and the caller reads the
        /// stream instead. The stream stays open and where it was.
        /// </summary>
        public static MappedLogFile? TryMap(FileStream stream, long length)
        {
            MemoryMappedFile? file = null;
            MemoryMappedViewAccessor? view = null;
            try
            {
                file = MemoryMappedFile.CreateFromFile(stream, mapName: null, length, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
                view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
                byte* pointer = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                return new MappedLogFile(file, view, pointer + view.PointerOffset, length);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is ArgumentException || error is NotSupportedException)
            {
                view?.Dispose();
                file?.Dispose();
                return null;
            }
        }

        /// <summary>The mapped bytes <c>[offset..offset+length)</c>; valid until <see cref="Dispose"/>.</summary>
        public ReadOnlySpan<byte> Bytes(long offset, int length)
        {
            if ((ulong)offset > (ulong)Length || (ulong)length > (ulong)(Length - offset)) throw new ArgumentOutOfRangeException(nameof(offset));
            return new ReadOnlySpan<byte>(first + offset, length);
        }

        public void Dispose()
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            file.Dispose();
        }
    }
}
#endif
