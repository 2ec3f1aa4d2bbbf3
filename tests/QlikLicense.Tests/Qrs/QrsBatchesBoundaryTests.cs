using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Qrs;

/// <summary>The length limits of batched and single filters, at their bounds, and a batch that cannot be empty.</summary>
public sealed class QrsBatchesBoundaryTests
{
    /// <summary>A filter whose URL-encoded query value is exactly this many characters ('a' is not encoded).</summary>
    private static QrsFilter OfLength(int length) => QrsFilter.Raw(new string('a', length));

    [Fact]
    public void A_batch_whose_filter_is_exactly_the_longest_allowed_stays_one_batch()
    {
        var lengths = new[] { 2000, 2000, 1 };

        var batches = QrsBatches.Batches(lengths, batch => OfLength(batch.Sum())).ToList();

        Assert.Equal(new[] { QrsBatches.MaxFilterLength, 1 }, batches.Select(filter => filter.ToQueryValue().Length));
    }

    [Fact]
    public void One_item_whose_filter_alone_is_too_long_is_still_sent_as_its_own_batch()
    {
        var lengths = new[] { 10, QrsBatches.MaxFilterLength + 5, 10 };

        var batches = QrsBatches.Batches(lengths, batch => OfLength(batch.Sum())).ToList();

        Assert.Equal(new[] { 10, QrsBatches.MaxFilterLength + 5, 10 }, batches.Select(filter => filter.ToQueryValue().Length));
    }

    [Fact]
    public void Nothing_wanted_is_no_batch_at_all()
    {
        Assert.Empty(QrsBatches.Batches(Array.Empty<Guid>(), batch => QrsBatches.KeyFilter("id", batch)));
    }

    [Fact]
    public void The_first_candidate_filter_that_is_there_and_short_enough_is_taken()
    {
        var fitting = OfLength(QrsBatches.MaxFilterLength);

        var taken = QrsBatches.FirstShortEnough(() => null, () => OfLength(QrsBatches.MaxFilterLength + 1), () => fitting, () => OfLength(1));

        Assert.Same(fitting, taken);
    }

    [Fact]
    public void Without_a_candidate_filter_short_enough_everything_is_read()
    {
        Assert.Null(QrsBatches.FirstShortEnough(() => null, () => OfLength(QrsBatches.MaxFilterLength + 1)));
        Assert.Null(QrsBatches.FirstShortEnough());
    }

    [Fact]
    public void An_empty_batch_is_refused_rather_than_sent_as_no_filter_which_would_read_everything()
    {
        var keys = Assert.Throws<ArgumentException>(() => QrsBatches.KeyFilter("id", Array.Empty<Guid>()));
        var names = Assert.Throws<ArgumentException>(() => QrsBatches.IdentityFilter(Array.Empty<UserName>()));

        Assert.Equal(("keys", "names"), (keys.ParamName, names.ParamName));
        Assert.StartsWith(QrsMessages.Filters.EmptyBatch, keys.Message);
    }
}
