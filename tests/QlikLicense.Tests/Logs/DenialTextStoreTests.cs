using System.Text;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests.Logs
{
    /// <summary>
    /// The scan keeps a denial line's ids and message as UTF-8 bytes (<see cref="DenialTextStore"/>): they must compare,
    /// decode and yield their labelled values exactly as the strings they replace did.
    /// </summary>
    public class DenialTextStoreTests
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, false);

        [Fact]
        public void Ids_kept_comparable_are_equal_exactly_when_their_texts_are()
        {
            var store = new DenialTextStore();
            // An invalid byte decodes to U+FFFD: as strings, these two ids were equal; as kept bytes they must be too.
            var invalid = new byte[] { (byte)'i', (byte)'d', 0xFF };
            var replaced = Utf8.GetBytes("id\uFFFD");
            var other = Utf8.GetBytes("id\uFFFE");

            var keptInvalid = store.Keep(invalid, 0, invalid.Length, comparable: true);
            var keptReplaced = store.Keep(replaced, 0, replaced.Length, comparable: true);
            var keptOther = store.Keep(other, 0, other.Length, comparable: true);

            Assert.Equal(keptReplaced, keptInvalid);
            Assert.Equal(keptReplaced.GetHashCode(), keptInvalid.GetHashCode());
            Assert.NotEqual(keptReplaced, keptOther);
            Assert.Equal("id\uFFFD", keptInvalid.Decode());
            Assert.True(default(Utf8Text).IsNull);
            Assert.Null(default(Utf8Text).Decode());
            Assert.NotEqual(default, store.Keep(invalid, 0, 0, comparable: true));
        }

        [Fact]
        public void Values_longer_than_a_block_share_and_span_blocks_are_kept_whole()
        {
            var store = new DenialTextStore();
            var kept = new List<(string Text, Utf8Text Kept)>();
            // About 50 bytes each: several blocks' worth, so that values fill blocks and start new ones.
            for (var index = 0; index < 6 * DenialTextStore.BlockBytes / 50; index++)
            {
                var text = new string((char)('a' + index % 26), index % 97) + "é" + index;
                var bytes = Utf8.GetBytes(text);
                kept.Add((text, store.Keep(bytes, 0, bytes.Length, comparable: false)));
            }
            var huge = Utf8.GetBytes(new string('x', DenialTextStore.BlockBytes + 1_000));
            var keptHuge = store.Keep(huge, 0, huge.Length, comparable: false);

            Assert.All(kept, pair => Assert.Equal(pair.Text, pair.Kept.Decode()));
            Assert.Equal(new string('x', DenialTextStore.BlockBytes + 1_000), keptHuge.Decode());
        }

        [Fact]
        public void A_recurring_value_is_one_string_and_a_value_taking_its_slot_is_its_own()
        {
            var store = new DenialTextStore();
            var buffer = Utf8.GetBytes("\tCORP\tjdoe\tCORP\t");

            var first = store.Shared(buffer, 1, 5);
            var again = store.Shared(buffer, 11, 15);
            Assert.Equal("CORP", first);
            Assert.Same(first, again);

            // Thousands of other values overwrite every slot; each is still read as its own text.
            for (var index = 0; index < 5000; index++)
            {
                var bytes = Utf8.GetBytes("user" + index);
                Assert.Equal("user" + index, store.Shared(bytes, 0, bytes.Length));
            }
            Assert.Equal("jdoe", store.Shared(buffer, 6, 10));
            Assert.Equal(string.Empty, store.Shared(buffer, 3, 3));

            // Up to 256 bytes a value is remembered; a longer one is decoded each time.
            var longest = Utf8.GetBytes(new string('n', 256));
            var longer = Utf8.GetBytes(new string('n', 257));
            Assert.Same(store.Shared(longest, 0, longest.Length), store.Shared(longest, 0, longest.Length));
            Assert.NotSame(store.Shared(longer, 0, longer.Length), store.Shared(longer, 0, longer.Length));
            Assert.Equal(new string('n', 257), store.Shared(longer, 0, longer.Length));
        }

        [Theory]
        [InlineData("Login access denied for SessionID: '8d7541cb', Hostname: \"::ffff:172.16.16.100\", OperationType: 'UsageDenied'")]
        [InlineData("No available access type, SessionID: ea16b266, Hostname: \"::1\"")]
        [InlineData("Zoë's access ↵↓ denied, SessionID:   'a↵↓b ' ,Hostname: 'hôte'")]
        [InlineData("SessionID: ")]
        [InlineData("SessionID:'', Hostname: \"")]
        [InlineData("Access to app '43d05965' denied, result code 'NoAvailableAccessType'")]
        public void Values_found_in_a_message_s_bytes_are_those_found_in_its_text(string message)
        {
            var bytes = Utf8.GetBytes(message);
            foreach (var label in new[] { "SessionID", "Hostname" })
            {
                var expected = ReferenceValue(message.Replace("\u21B5\u2193", "\n"), label);
                var found = LicenseDenialRecognizer.TryFindMessageValue(bytes, 0, bytes.Length, LicenseDenialRecognizer.MessageLabel(label), out var start, out var end);
                var actual = found ? LicenseDenialRecognizer.MessageValueText(Utf8.GetString(bytes, start, end - start)) : null;
                Assert.Equal(expected, actual);
                Assert.Equal(expected, LicenseDenialRecognizer.MessageValue(message, label));
            }
        }

        /// <summary>How a labelled value was read from the message's text before the scan kept bytes: the reference.</summary>
        private static string ReferenceValue(string message, string label)
        {
            var labelAt = message.IndexOf(label + ":", StringComparison.Ordinal);
            if (labelAt < 0) return null;
            var position = labelAt + label.Length + 1;
            while (position < message.Length && message[position] == ' ') position++;
            if (position == message.Length) return null;
            var quote = message[position];
            int end;
            if (quote == '\'' || quote == '"')
            {
                position++;
                end = message.IndexOf(quote, position);
            }
            else
            {
                end = message.IndexOf(',', position);
            }
            if (end < 0) end = message.Length;
            var value = message.Substring(position, end - position).Trim();
            return value.Length == 0 ? null : value;
        }

        [Fact]
        public void A_block_of_kept_text_is_born_in_the_large_object_heap_which_the_collector_does_not_compact()
        {
            // The large-object heap is collected with the oldest generation, and reports it from the start.
            Assert.Equal(GC.MaxGeneration, GC.GetGeneration(new byte[DenialTextStore.BlockBytes]));
        }

        [Fact]
        public void A_value_longer_than_a_quarter_block_keeps_its_bytes()
        {
            var store = new DenialTextStore();
            var text = string.Concat(Enumerable.Range(0, DenialTextStore.BlockBytes / 4 + 1_000).Select(index => (char)('a' + index % 26)));
            var bytes = Utf8.GetBytes(text);

            Assert.Equal(text, store.Keep(bytes, 0, bytes.Length, comparable: false).Decode());
        }

        [Fact]
        public void Kept_bytes_are_copied_as_they_are_unless_comparable_where_invalid_ones_become_their_replacement()
        {
            var store = new DenialTextStore();
            // Only bytes above ASCII, up to the buffer's very end; and plain ASCII up to its end.
            var invalid = new byte[] { 0xFF, 0xFE };
            var ascii = Utf8.GetBytes("p1-\u007F");

            Assert.Equal(new Utf8Text(invalid, 0, invalid.Length), store.Keep(invalid, 0, invalid.Length, comparable: false));
            var replaced = Utf8.GetBytes("\uFFFD\uFFFD");
            Assert.Equal(new Utf8Text(replaced, 0, replaced.Length), store.Keep(invalid, 0, invalid.Length, comparable: true));
            Assert.Equal(new Utf8Text(ascii, 0, ascii.Length), store.Keep(ascii, 0, ascii.Length, comparable: true));
        }

        [Fact]
        public void Two_recurring_values_in_other_slots_are_both_remembered()
        {
            var store = new DenialTextStore();
            var corp = Utf8.GetBytes("CORP");
            var acme = Utf8.GetBytes("ACME");

            var first = store.Shared(corp, 0, corp.Length);
            var other = store.Shared(acme, 0, acme.Length);

            Assert.Same(first, store.Shared(corp, 0, corp.Length));
            Assert.Same(other, store.Shared(acme, 0, acme.Length));
            Assert.NotEqual(DenialTextStore.Hash(corp, 0, corp.Length) & 1023, DenialTextStore.Hash(acme, 0, acme.Length) & 1023);
        }
    }
}
