using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Qrs;

public sealed class QrsBatchesTests
{
    [Fact]
    public void Users_are_looked_up_fifty_at_a_time()
    {
        var keys = Enumerable.Range(0, 120).Select(_ => Guid.NewGuid()).ToList();

        var batches = QrsBatches.Batches(keys, batch => QrsBatches.KeyFilter("user.id", batch)).ToList();

        Assert.Equal(new[] { 50, 50, 20 }, batches.Select(batch => batch.ToString().Split(" or ").Length));
        Assert.All(batches, batch => Assert.True(batch.ToQueryValue().Length <= QrsBatches.MaxFilterLength));
        Assert.Equal(keys.Select(key => key.ToString("D")), batches.SelectMany(batch => System.Text.RegularExpressions.Regex.Matches(batch.ToString(), "[0-9a-f-]{36}")).Select(match => match.Value));
    }

    [Fact]
    public void Identities_are_grouped_by_directory_within_a_batch()
    {
        var filter = QrsBatches.IdentityFilter(new[] { new UserName("CORP", "jdoe"), new UserName("CORP EU", "d'angelo"), new UserName("corp", "o'brien") });

        Assert.Equal("((userDirectory eq 'CORP') and ((userId eq 'jdoe') or (userId eq 'o\\'brien'))) or ((userDirectory eq 'CORP EU') and (userId eq 'd\\'angelo'))", filter.ToString());
    }

    [Fact]
    public void Long_user_ids_make_smaller_batches_so_no_request_line_grows_too_long()
    {
        var identities = Enumerable.Range(0, 120).Select(index => new UserName("CORP EU", $"zoë.müller.from.the.department.of.long.names.{index:000}")).ToList();

        var batches = QrsBatches.Batches(identities, QrsBatches.IdentityFilter).ToList();

        Assert.InRange(System.Text.RegularExpressions.Regex.Matches(batches[0].ToString(), "userId eq").Count, 2, QrsBatches.MaxBatchSize - 1);
        Assert.All(batches, batch => Assert.True(batch.ToQueryValue().Length <= QrsBatches.MaxFilterLength, $"{batch.ToQueryValue().Length} characters"));
        Assert.Equal(120, batches.Sum(batch => System.Text.RegularExpressions.Regex.Matches(batch.ToString(), "userId eq").Count));
    }
}
