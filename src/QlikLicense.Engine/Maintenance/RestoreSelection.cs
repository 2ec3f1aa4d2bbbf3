using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>Which released allocations a restore gives back, and why the others are left alone.</summary>
    public sealed class RestoreSelection
    {
        /// <summary>Releases to undo, in journal order: at most one per user and access type (the latest).</summary>
        public IReadOnlyList<JournalRecord> ToRestore { get; internal set; } = Array.Empty<JournalRecord>();

        /// <summary>Releases that would be undone but were recorded for another site.</summary>
        public IReadOnlyList<JournalRecord> OtherSite { get; internal set; } = Array.Empty<JournalRecord>();

        /// <summary>Releases before -Since.</summary>
        public int BeforeSince { get; internal set; }

        /// <summary>Releases that released nothing (Failed, AlreadyGone).</summary>
        public int NotReleased { get; internal set; }

        /// <summary>Releases a restore already gave back.</summary>
        public int RestoredBefore { get; internal set; }

        /// <summary>Older releases of a user and access type that a later release in the selection covers.</summary>
        public int Superseded { get; internal set; }
    }
}
