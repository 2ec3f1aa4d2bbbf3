using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>Which journaled changes an undo takes back, newest first.</summary>
    public sealed class UndoSelection
    {
        public IReadOnlyList<JournalRecord> ToUndo { get; internal set; } = Array.Empty<JournalRecord>();
        public IReadOnlyList<JournalRecord> OtherSite { get; internal set; } = Array.Empty<JournalRecord>();

        /// <summary>Changes already undone by a later journaled change, and those undos when both are selected: the pair cancels out.</summary>
        public int UndoneBefore { get; internal set; }

        /// <summary>The newest journaled state of each rule (by id): what the site holds unless someone changed it outside the journal.</summary>
        public IDictionary<Guid, JournalRule> KnownRules { get; internal set; } = new Dictionary<Guid, JournalRule>();

        /// <summary>
        /// The allocation an undo of a release gave back, by the id of the allocation released; the undos of one run add
        /// theirs. An allocation that was released and given back has a new id, which the undo of the allocation takes back.
        /// </summary>
        public IDictionary<Guid, Guid> GivenBack { get; internal set; } = new Dictionary<Guid, Guid>();

        /// <summary>Changes that changed nothing (Failed, AlreadyGone, AlreadyAllocated, Unchanged).</summary>
        public int NothingChanged { get; internal set; }
        public int BeforeSince { get; internal set; }
    }
}
