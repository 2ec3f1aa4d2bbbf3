using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Cloud;

/// <summary>
/// How one list endpoint pages: which attributes it filters and sorts on, its page sizes, the query parameter
/// that carries the cursor and the internal address its next/prev links point at.
/// </summary>
internal sealed class ListSpec<T>
{
    public required string Name { get; init; }

    /// <summary>Every item in insertion order.</summary>
    public required Func<IReadOnlyList<T>> All { get; init; }

    /// <summary>Optional index lookup for filters that are an "or" of equalities on these attributes.</summary>
    public IReadOnlyCollection<string> IndexedAttributes { get; init; } = [];

    public Func<ILookup<string, string>, IReadOnlyList<T>> Lookup { get; init; }

    public required IReadOnlyCollection<string> FilterAttributes { get; init; }
    public required ScimFilter.AttributeReader<T> Read { get; init; }
    public required IReadOnlyDictionary<string, Func<T, string>> SortFields { get; init; }

    /// <summary>"+field", "-field" or null (insertion order).</summary>
    public string DefaultSort { get; init; }

    public required Func<T, long> Seq { get; init; }
    public required Func<T, JObject> ToJson { get; init; }
    public required int DefaultLimit { get; init; }
    public required int MaxLimit { get; init; }

    /// <summary>The query parameter of the next page's cursor ("page" for licences, "next" for users and audits).</summary>
    public required string NextParameter { get; init; }

    /// <summary>The query parameter of the previous page's cursor.</summary>
    public required string PrevParameter { get; init; }

    /// <summary>Where next/prev links point: an internal service address, not the tenant's (as Qlik's answers do).</summary>
    public required string LinkBase { get; init; }
}

/// <summary>
/// Filters, sorts and pages lists with opaque keyset cursors (the last item's sort value and insertion number), so
/// items removed between two pages never make the next page skip or repeat one. The ordered result of a query is
/// cached per data version, so paging through 100,000 items sorts them once.
/// </summary>
internal sealed class CloudPaging
{
    private const int CacheSize = 16;
    private readonly object _gate = new();
    private readonly LinkedList<(string Key, object Items)> _cache = new();

    public TenantResponse Page<T>(TenantRequest request, ListSpec<T> spec, long version, Func<T, bool> extraCondition = null, string extraKey = "")
    {
        var limitText = request.Parameter("limit");
        var limit = spec.DefaultLimit;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > spec.MaxLimit))
            return TenantResponse.BadRequest($"limit must be a whole number from 1 to {spec.MaxLimit}.");

        var filterText = request.Parameter("filter");
        ScimFilter filter = null;
        if (!string.IsNullOrWhiteSpace(filterText))
        {
            try
            {
                filter = ScimFilter.Parse(filterText, spec.FilterAttributes);
            }
            catch (ScimFilterException exception)
            {
                return TenantResponse.BadRequest(exception.Message);
            }
        }

        var sortText = request.Parameter("sort") ?? spec.DefaultSort;
        var descending = false;
        Func<T, string> sortValue = null;
        if (!string.IsNullOrWhiteSpace(sortText))
        {
            descending = sortText.StartsWith('-');
            var field = sortText.TrimStart('+', '-', ' ');
            var known = spec.SortFields.FirstOrDefault(pair => string.Equals(pair.Key, field, StringComparison.OrdinalIgnoreCase));
            if (known.Value is null) return TenantResponse.BadRequest($"Cannot sort on '{field}'.");
            sortValue = known.Value;
        }

        Cursor cursor = null;
        var nextText = request.Parameter(spec.NextParameter);
        var prevText = request.Parameter(spec.PrevParameter);
        if (nextText is not null || prevText is not null)
        {
            cursor = Cursor.TryDecode(nextText ?? prevText);
            if (cursor is null) return TenantResponse.BadRequest("The page cursor is not valid.");
        }

        var key = string.Join("\n", spec.Name, version.ToString(CultureInfo.InvariantCulture), filterText, sortText, extraKey);
        var ordered = Ordered(key, () =>
        {
            IEnumerable<T> candidates = filter is not null && spec.Lookup is not null && filter.TryGetEqualityKeys(spec.IndexedAttributes, out var keys)
                ? spec.Lookup(keys)
                : spec.All();
            if (filter is not null) candidates = candidates.Where(item => filter.Matches(item, spec.Read));
            if (extraCondition is not null) candidates = candidates.Where(extraCondition);
            var list = candidates.ToList();
            if (sortValue is not null) list.Sort((a, b) => Compare(a, sortValue(b), spec.Seq(b), sortValue, descending, spec.Seq));
            return list;
        });

        int start, end;
        if (cursor is null)
        {
            start = 0;
            end = Math.Min(ordered.Count, limit);
        }
        else if (cursor.Forward)
        {
            start = FirstAfter(ordered, cursor, sortValue, descending, spec.Seq);
            end = Math.Min(ordered.Count, start + limit);
        }
        else
        {
            end = FirstAfter(ordered, cursor, sortValue, descending, spec.Seq, orEqual: true);
            start = Math.Max(0, end - limit);
        }

        var data = new JArray();
        for (var i = start; i < end; i++) data.Add(spec.ToJson(ordered[i]));
        var links = new JObject { ["self"] = new JObject { ["href"] = Link(request, spec, limit, null, null) } };
        if (end < ordered.Count)
            links["next"] = new JObject { ["href"] = Link(request, spec, limit, spec.NextParameter, new Cursor(true, sortValue?.Invoke(ordered[end - 1]), spec.Seq(ordered[end - 1])).Encode()) };
        if (start > 0 && end > start)
            links["prev"] = new JObject { ["href"] = Link(request, spec, limit, spec.PrevParameter, new Cursor(false, sortValue?.Invoke(ordered[start]), spec.Seq(ordered[start])).Encode()) };
        return TenantResponse.Json(200, new JObject { ["data"] = data, ["links"] = links });
    }

    private IReadOnlyList<T> Ordered<T>(string key, Func<List<T>> compute)
    {
        lock (_gate)
        {
            for (var node = _cache.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key) continue;
                _cache.Remove(node);
                _cache.AddFirst(node);
                return (IReadOnlyList<T>)node.Value.Items;
            }
        }

        var items = compute();
        lock (_gate)
        {
            _cache.AddFirst((key, items));
            while (_cache.Count > CacheSize) _cache.RemoveLast();
        }

        return items;
    }

    /// <summary>The index of the first item ordered after the cursor (or at it, with <paramref name="orEqual"/>).</summary>
    private static int FirstAfter<T>(IReadOnlyList<T> ordered, Cursor cursor, Func<T, string> sortValue, bool descending, Func<T, long> seq, bool orEqual = false)
    {
        int low = 0, high = ordered.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            var order = Compare(ordered[middle], cursor.Value, cursor.Seq, sortValue, descending, seq);
            if (order > 0 || (orEqual && order == 0)) high = middle;
            else low = middle + 1;
        }

        return low;
    }

    private static int Compare<T>(T item, string otherValue, long otherSeq, Func<T, string> sortValue, bool descending, Func<T, long> seq)
    {
        if (sortValue is not null)
        {
            var order = string.Compare(sortValue(item), otherValue, StringComparison.OrdinalIgnoreCase);
            if (order != 0) return descending ? -order : order;
        }

        return seq(item).CompareTo(otherSeq);
    }

    /// <summary>The link to another page: the internal address, the request's own parameters (filter, sort,
    /// orphans...), the limit and the cursor.</summary>
    private static string Link<T>(TenantRequest request, ListSpec<T> spec, int limit, string cursorParameter, string cursor)
    {
        var parts = request.Query
            .Where(pair => !IsOneOf(pair.Key, "limit", spec.NextParameter, spec.PrevParameter))
            .Select(pair => Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value))
            .Append("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        if (cursorParameter is not null) parts = parts.Append(cursorParameter + "=" + Uri.EscapeDataString(cursor));
        return spec.LinkBase + "?" + string.Join("&", parts);
    }

    private static bool IsOneOf(string name, params string[] names) => names.Any(candidate => string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase));

    /// <summary>An opaque position: base64 of {"d":"next"|"prev","v":sort value,"s":insertion number}.</summary>
    private sealed record Cursor(bool Forward, string Value, long Seq)
    {
        public string Encode() =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(new JObject { ["d"] = Forward ? "next" : "prev", ["v"] = Value, ["s"] = Seq }.ToString(Formatting.None)));

        public static Cursor TryDecode(string text)
        {
            try
            {
                var json = JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
                var direction = json.Value<string>("d");
                if (direction is not ("next" or "prev") || json["s"]?.Type != JTokenType.Integer) return null;
                return new Cursor(direction == "next", json.Value<string>("v"), json.Value<long>("s"));
            }
            catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException or InvalidCastException)
            {
                return null;
            }
        }
    }
}
