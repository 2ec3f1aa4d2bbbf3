using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>
    /// What Add- and Restore-QlikLicenseAllocation share: plan all requests in batched reads, report what needs no
    /// change, confirm each change (counting seats down, under -WhatIf too, so the preview shows who would not fit),
    /// then allocate one user at a time.
    /// </summary>
    public abstract class AllocationGrantCommand : QlikCmdlet
    {
        /// <summary>The ShouldProcess action for a step, e.g. "Allocate Analyzer access".</summary>
        protected abstract string ActionFor(GrantStep step);

        /// <summary>The journal (a file system path) a step's change is recorded in.</summary>
        protected abstract string JournalPathFor(GrantStep step, QlikConnection connection);

        protected void Grant(QlikConnection connection, IReadOnlyList<GrantRequest> requests)
        {
            if (requests.Count == 0) return;
            var grant = new AllocationGrant(connection);
            GrantPlan plan = null;
            Guard(connection.Site, () => plan = grant.Plan(requests, Call));
            if (plan == null) return;
            if (plan.SeatWarning != null) WriteWarning(plan.SeatWarning);

            var approved = new List<GrantStep>();
            foreach (var step in plan.Steps)
            {
                switch (step.Decision)
                {
                    case GrantDecision.UserNotFound:
                        WriteError(new ErrorRecord(new ItemNotFoundException(UserNotFoundMessage(step, connection)), "UserNotFound",
                            ErrorCategory.ObjectNotFound, step.Request.Source));
                        break;
                    case GrantDecision.Duplicate:
                        WriteVerbose($"{step.Target}: {step.Type} access was asked for more than once; it is allocated once.");
                        break;
                    case GrantDecision.AlreadyAllocated:
                        WriteObject(grant.AlreadyAllocated(step));
                        break;
                    default:
                        var needsSeat = step.Decision == GrantDecision.NewSeat;
                        if (needsSeat && !plan.Seats.HasFree(step.Type))
                        {
                            WriteError(new ErrorRecord(new InvalidOperationException(plan.Seats.Shortage(step.Type, step.Target, connection.Site)),
                                "NoSeatAvailable", ErrorCategory.LimitsExceeded, step.Request.Source));
                            break;
                        }
                        var confirmed = Confirm(step.Target, ActionFor(step), out var whatIf);
                        if (confirmed) approved.Add(step);
                        if (needsSeat && (confirmed || whatIf)) plan.Seats.Take(step.Type);
                        break;
                }
            }
            if (approved.Count > 0) Allocate(grant, approved, connection);
        }

        private void Allocate(AllocationGrant grant, List<GrantStep> approved, QlikConnection connection)
        {
            var journals = new Dictionary<string, LicenseJournal>(StringComparer.Ordinal);
            const string activity = "Allocating license access";
            try
            {
                for (var index = 0; index < approved.Count; index++)
                {
                    var step = approved[index];
                    var journal = Journal(journals, JournalPathFor(step, connection));
                    if (approved.Count > 5)
                        WriteProgress(new ProgressRecord(1, activity, $"{index + 1} of {approved.Count}: {step.Target}") { PercentComplete = index * 100 / approved.Count });
                    var (result, error) = Wait(grant.AllocateAsync(step, journal, Call));
                    if (error != null) WriteError(ErrorFor(error, step.Request.Source));
                    WriteObject(result);
                }
                if (approved.Count > 5) WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            finally
            {
                foreach (var journal in journals.Values) journal.Dispose();
            }
        }

        private LicenseJournal Journal(Dictionary<string, LicenseJournal> journals, string path) =>
            journals.TryGetValue(path, out var open) ? open : journals[path] = OpenJournal(null, path, "Nothing more was allocated.");

        /// <summary>ShouldProcess(target, action) that also tells whether -WhatIf answered.</summary>
        private bool Confirm(string target, string action, out bool whatIf)
        {
            var description = string.Format(CultureInfo.InvariantCulture, "Performing the operation \"{0}\" on target \"{1}\".", action, target);
            var confirmed = ShouldProcess(description, "Are you sure you want to perform this action?" + Environment.NewLine + description, "Confirm", out var reason);
            whatIf = reason == ShouldProcessReason.WhatIf;
            return confirmed;
        }

        private static string UserNotFoundMessage(GrantStep step, QlikConnection connection)
        {
            var request = step.Request;
            if (request.UserKey != null)
                return $"The site {connection.Site} has no user with key {request.UserKey:D} ({request.Identity}): it was deleted from the repository, so its {step.Type} access cannot be given back.";
            if (string.IsNullOrEmpty(request.UserDirectory) || string.IsNullOrEmpty(request.UserId))
                return $"The {step.Type} access to give back names no user (the user was deleted before it was released).";
            return $"The site {connection.Site} has no user {request.Identity}. Check the user directory and user id (Get-QlikUser).";
        }
    }
}
