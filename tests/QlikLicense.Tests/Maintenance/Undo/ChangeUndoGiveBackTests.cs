using QlikLicense.Maintenance.Grant;
using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Release;
using QlikLicense.Maintenance.Undo;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Undo;

/// <summary>
/// Releases given back by the undo (<see cref="ChangeUndo"/>) on a site in memory: users gone, seats short (counted
/// down under -WhatIf too), progress, a plan that cannot be read, and allocations given back under a new id.
/// </summary>
public sealed class ChangeUndoGiveBackTests : InMemorySiteTest
{
    private IReadOnlyList<JournalRecord> Journaled => JournalOperations.Read(Journal).Operations;

    private void Release(params LicenseAllocation[] allocations) =>
        new ReleaseOperation(new RecordingHost(approve: true)) { JournalPath = Journal }.Run(allocations, Call, CancellationToken.None);

    private IReadOnlyList<ChangeUndoResult> Undo(RecordingHost host, IEnumerable<JournalRecord> operations = null, bool selectionOnly = false) =>
        new ChangeUndo(connection, host, UndoForm.Undo, () => site.UtcNow) { SelectionOnly = selectionOnly }.Run(operations ?? Journaled, null, Call, Call);

    private LicenseAllocation[] Held(int count, LicenseAccessType type = LicenseAccessType.Professional, string prefix = "user") =>
        Enumerable.Range(1, count).Select(index => site.AddAllocation(type, site.AddUser("CORP", $"{prefix}{index}"))).ToArray();

    [Fact]
    public void A_release_whose_user_was_deleted_since_is_a_problem_and_the_others_are_given_back()
    {
        var held = Held(2);
        Release(held);
        var gone = held[0];
        site.DeleteUser(new QlikUser { Id = gone.UserKey.Value });
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Undo(host));

        Assert.Equal(("user2", AllocationOutcome.Allocated), (result.Target.Split('\\')[1], result.Outcome));
        var problem = Assert.Single(host.Problems);
        Assert.Equal(ProblemKind.UserNotFound, problem.Kind);
        Assert.Equal(gone.Id, ((JournalRecord)problem.Target).AllocationId);
        Assert.Equal($"The site {connection.Site} has no user with key {gone.UserKey:D} (CORP\\user1): it was deleted from the repository, so its Professional access cannot be given back.",
            problem.Message);
    }

    [Fact]
    public void A_release_that_no_free_seat_is_left_for_is_a_problem_and_the_others_are_given_back()
    {
        site.Seats[LicenseAccessType.Professional] = 3;
        Release(Held(3));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "newcomer"));
        var host = new RecordingHost(approve: true);

        var results = Undo(host);

        Assert.Equal(2, results.Count(result => result.Outcome == AllocationOutcome.Allocated));
        Assert.Equal(ProblemKind.NoSeatAvailable, Assert.Single(host.Problems).Kind);
        Assert.Equal(3, site.Allocations.Count);
    }

    [Fact]
    public void A_preview_counts_the_seats_down_as_the_undo_would_and_a_declined_give_back_takes_no_seat()
    {
        site.Seats[LicenseAccessType.Professional] = 2;
        Release(Held(2));
        site.AddAllocation(LicenseAccessType.Professional, site.AddUser("CORP", "newcomer"));
        var preview = new RecordingHost(approve: false, whatIf: true);
        var declined = new RecordingHost(approve: false);

        Assert.Empty(Undo(preview));
        Assert.Empty(Undo(declined));

        Assert.Equal((1, ProblemKind.NoSeatAvailable), (preview.Asked.Count, Assert.Single(preview.Problems).Kind));
        Assert.Equal(2, declined.Asked.Count);
        Assert.Empty(declined.Problems);
        Assert.Single(site.Allocations);
    }

    [Fact]
    public void More_than_five_releases_given_back_show_their_progress_and_end_it_and_five_do_not()
    {
        site.Seats[LicenseAccessType.Professional] = 20;
        site.Seats[LicenseAccessType.Analyzer] = 20;
        Release(Held(6));
        var six = new RecordingHost(approve: true);
        Undo(six);
        File.Delete(Journal);
        Release(Held(5, LicenseAccessType.Analyzer, "analyst"));
        var five = new RecordingHost(approve: true);

        Assert.Equal(5, Undo(five).Count);

        Assert.Equal(6, six.ProgressStatus.Count);
        Assert.StartsWith("1 of 6: CORP\\user", six.ProgressStatus[0]);
        Assert.StartsWith("6 of 6: ", six.ProgressStatus[5]);
        Assert.Empty(five.ProgressStatus);
        Assert.Equal((1, 0), (six.ProgressEnded, five.ProgressEnded));
    }

    [Fact]
    public void A_plan_that_cannot_be_read_is_a_problem_about_the_site_and_nothing_is_given_back()
    {
        Release(Held(2));
        site.FailWhen = name => name == nameof(ISite.LookUpUsersInBatches)
            ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/qrs/user", 500, "The repository is restarting.")
            : null;
        var host = new RecordingHost(approve: true);

        Assert.Empty(Undo(host));

        var problem = Assert.Single(host.Problems);
        Assert.Equal((ProblemKind.SiteRequestFailed, (object)connection.Site, "The repository is restarting."), (problem.Kind, problem.Target, problem.Message));
        Assert.Empty(host.Asked);
        Assert.Empty(site.Allocations);
    }

    [Fact]
    public void An_Analyzer_seat_given_back_to_a_person_who_holds_Professional_since_is_given_back_with_a_warning()
    {
        var user = site.AddUser("CORP", "user1");
        Release(site.AddAllocation(LicenseAccessType.Analyzer, user));
        site.AddAllocation(LicenseAccessType.Professional, user);
        var host = new RecordingHost(approve: true);

        Assert.Equal(AllocationOutcome.Allocated, Assert.Single(Undo(host)).Outcome);

        Assert.StartsWith("CORP\\user1 holds Professional access, which gives everything Analyzer does", Assert.Single(host.Warnings));
    }

    [Fact]
    public void Free_seats_that_cannot_be_read_are_a_warning_and_the_site_decides_for_each_release()
    {
        Release(Held(1));
        site.FailWhen = name => name == nameof(ISite.ReadSummaryAsync)
            ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/qrs/license/accesstypeoverview", 500, "Overview failed.")
            : null;
        var host = new RecordingHost(approve: true);

        Assert.Equal(AllocationOutcome.Allocated, Assert.Single(Undo(host)).Outcome);

        Assert.Equal($"Could not read the free seats of {connection.Site} (Overview failed.); QRS decides for each user.", Assert.Single(host.Warnings));
    }

    [Fact]
    public void An_allocation_whose_release_was_given_back_in_the_same_run_is_taken_back_under_its_new_id()
    {
        var user = site.AddUser("CORP", "jdoe");
        new AllocationGrant(connection, () => site.UtcNow).Run(new[] { GrantRequest.ForUser(LicenseAccessType.Analyzer, user, user) },
            new GrantOptions { JournalPath = Journal }, new RecordingHost(approve: true), Call);
        site.UtcNow = site.UtcNow.AddMinutes(1);
        Release(site.Allocations.Single());
        var host = new RecordingHost(approve: true);

        var results = Undo(host);

        Assert.Equal(new[] { (JournalEvent.Release, AllocationOutcome.Allocated), (JournalEvent.Allocate, AllocationOutcome.Released) },
            results.Select(result => (result.Undone, result.Outcome)));
        Assert.Empty(site.Allocations);
        Assert.Empty(host.Problems);
    }

    [Fact]
    public void An_allocation_piped_alone_is_taken_back_under_the_id_a_journaled_undo_gave_it_back_with()
    {
        var user = site.AddUser("CORP", "jdoe");
        new AllocationGrant(connection, () => site.UtcNow).Run(new[] { GrantRequest.ForUser(LicenseAccessType.Analyzer, user, user) },
            new GrantOptions { JournalPath = Journal }, new RecordingHost(approve: true), Call);
        var allocation = Journaled.Single();
        site.UtcNow = site.UtcNow.AddMinutes(1);
        Release(site.Allocations.Single());
        Undo(new RecordingHost(approve: true), Journaled.Where(operation => operation.Event == JournalEvent.Release).ToList());
        var givenBack = site.Allocations.Single().Id;
        Assert.NotEqual(allocation.AllocationId, givenBack);
        var host = new RecordingHost(approve: true);

        var result = Assert.Single(Undo(host, new[] { allocation }, selectionOnly: true));

        Assert.Equal(AllocationOutcome.Released, result.Outcome);
        Assert.Empty(site.Allocations);
    }

    [Fact]
    public void A_give_back_the_site_fails_is_a_problem_about_its_release_and_its_result_is_output_as_the_undos()
    {
        Release(Held(2));
        site.FailWhen = name => name == nameof(ISite.AllocateAsync)
            ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "POST", "/qrs/license/professionalaccesstype", 500, "Allocation down.")
            : null;
        var host = new RecordingHost(approve: true);

        var results = Undo(host);

        Assert.Equal(new[] { AllocationOutcome.Failed, AllocationOutcome.Failed }, results.Select(result => result.Outcome));
        Assert.Equal(results.Cast<object>(), host.Output);
        Assert.Equal(new[] { (ProblemKind.SiteRequestFailed, "Allocation down."), (ProblemKind.SiteRequestFailed, "Allocation down.") },
            host.Problems.Select(problem => (problem.Kind, problem.Message)));
        Assert.Equal(results.Select(result => result.UndoneOperationId), host.Problems.Select(problem => ((JournalRecord)problem.Target).OperationId));
        Assert.Empty(site.Allocations);
    }
}
