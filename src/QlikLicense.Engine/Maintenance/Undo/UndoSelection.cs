using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Undo
{
    /// <summary>Which journaled changes an undo takes back, in the order it takes them back, and why the others are left alone.</summary>
    public sealed class UndoSelection
    {
        public IReadOnlyList<JournalRecord> ToUndo { get; internal set; } = Array.Empty<JournalRecord>();

        /// <summary>Changes that would be undone but were recorded for another site.</summary>
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

        /// <summary>Restore form: older releases of a user and access type that a later release in the selection covers.</summary>
        public int Superseded { get; internal set; }
    }
}
