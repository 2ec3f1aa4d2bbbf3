using System;
using System.Runtime.CompilerServices;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Log timestamps such as <c>20190201T080842.467+0100</c>: local time with its own offset. Parsed by hand:
    /// the format is fixed, culture plays no part, and DateTimeOffset.ParseExact's "zzz" wants a colon in the
    /// offset that Qlik does not write.
    /// </summary>
    internal static class QlikLogTimestamp
    {
        /// <summary>Accepts <c>yyyyMMddTHHmmss[.f…]</c> followed by <c>±HHmm</c>, <c>±HH:mm</c> or <c>Z</c>.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static bool TryParse(string text, out DateTimeOffset value)
        {
            value = default;
            if (text == null || text.Length < 16 || text[8] != 'T') return false;
            if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 4, 2, out var month) || !TryDigits(text, 6, 2, out var day)
                || !TryDigits(text, 9, 2, out var hour) || !TryDigits(text, 11, 2, out var minute) || !TryDigits(text, 13, 2, out var second))
            {
                return false;
            }

            var position = 15;
            long fractionTicks = 0;
            if (text[position] == '.')
            {
                position++;
                var scale = TimeSpan.TicksPerSecond;
                var start = position;
                while (position < text.Length && IsDigit(text[position]))
                {
                    // Digits beyond the 7th (100 ns) cannot be represented; they are read and dropped.
                    scale /= 10;
                    fractionTicks += (text[position] - '0') * scale;
                    position++;
                }
                if (position == start) return false;
            }

            if (!TryOffset(text, position, out var offset)) return false;
            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)
                || hour > 23 || minute > 59 || second > 59 || year < 1)
            {
                return false;
            }

            var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
            var utcTicks = local.Ticks - offset.Ticks;
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
            value = new DateTimeOffset(local, offset);
            return true;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static bool TryOffset(string text, int position, out TimeSpan offset)
        {
            offset = TimeSpan.Zero;
            var remaining = text.Length - position;
            if (remaining == 1 && text[position] == 'Z') return true;
            if (remaining != 5 && remaining != 6) return false;

            var sign = text[position];
            if (sign != '+' && sign != '-') return false;
            var minutesAt = remaining == 6 ? position + 4 : position + 3;
            if (remaining == 6 && text[position + 3] != ':') return false;
            if (!TryDigits(text, position + 1, 2, out var hours) || !TryDigits(text, minutesAt, 2, out var minutes)) return false;
            if (hours > 14 || minutes > 59 || hours * 60 + minutes > 14 * 60) return false;

            offset = new TimeSpan(hours, minutes, 0);
            if (sign == '-') offset = offset.Negate();
            return true;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static bool TryDigits(string text, int start, int count, out int value)
        {
            value = 0;
            for (var index = start; index < start + count; index++)
            {
                var character = text[index];
                if (!IsDigit(character)) return false;
                value = value * 10 + (character - '0');
            }
            return true;
        }

        private static bool IsDigit(char character) => character >= '0' && character <= '9';
    }
}
