using System;
using System.Runtime.CompilerServices;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Log timestamps such as <c>20190201T080842.467+0100</c>: local time with its own offset. Parsed by hand:
    /// the format is fixed, culture plays no part, and DateTimeOffset.ParseExact's "zzz" wants a colon in the
    /// offset that Qlik does not write. The scan parses a field's bytes where they lie in the read buffer (no string
    /// per denial line); text is parsed through the same code, so both accept exactly the same timestamps.
    /// </summary>
    internal static class QlikLogTimestamp
    {
        /// <summary>Accepts <c>yyyyMMddTHHmmss[.f…]</c> followed by <c>±HHmm</c>, <c>±HH:mm</c> or <c>Z</c>.</summary>
        public static bool TryParse(string text, out DateTimeOffset value)
        {
            value = default;
            if (text == null) return false;
            // Every character of a timestamp is ASCII: anything else refuses it, as the byte parser refuses its UTF-8.
            var bytes = new byte[text.Length];
            for (var index = 0; index < text.Length; index++)
            {
                if (text[index] > 0x7F) return false;
                bytes[index] = (byte)text[index];
            }
            return TryParse(bytes, 0, bytes.Length, out value);
        }

        /// <summary>The same as <see cref="TryParse(string, out DateTimeOffset)"/>, over the UTF-8 bytes <c>buffer[start..end)</c>.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public static bool TryParse(byte[] buffer, int start, int end, out DateTimeOffset value)
        {
            value = default;
            var length = end - start;
            if (length < 16 || buffer[start + 8] != 'T') return false;
            if (!TryDigits(buffer, start, 4, out var year) || !TryDigits(buffer, start + 4, 2, out var month) || !TryDigits(buffer, start + 6, 2, out var day)
                || !TryDigits(buffer, start + 9, 2, out var hour) || !TryDigits(buffer, start + 11, 2, out var minute) || !TryDigits(buffer, start + 13, 2, out var second))
            {
                return false;
            }

            var position = start + 15;
            long fractionTicks = 0;
            if (buffer[position] == '.')
            {
                position++;
                var scale = TimeSpan.TicksPerSecond;
                var fractionStart = position;
                while (position < end && IsDigit(buffer[position]))
                {
                    // Digits beyond the 7th (100 ns) cannot be represented; they are read and dropped.
                    scale /= 10;
                    fractionTicks += (buffer[position] - '0') * scale;
                    position++;
                }
                if (position == fractionStart) return false;
            }

            if (!TryOffset(buffer, position, end, out var offset)) return false;
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
        private static bool TryOffset(byte[] buffer, int position, int end, out TimeSpan offset)
        {
            offset = TimeSpan.Zero;
            var remaining = end - position;
            if (remaining == 1 && buffer[position] == 'Z') return true;
            if (remaining != 5 && remaining != 6) return false;

            var sign = buffer[position];
            if (sign != '+' && sign != '-') return false;
            var minutesAt = remaining == 6 ? position + 4 : position + 3;
            if (remaining == 6 && buffer[position + 3] != ':') return false;
            if (!TryDigits(buffer, position + 1, 2, out var hours) || !TryDigits(buffer, minutesAt, 2, out var minutes)) return false;
            if (hours > 14 || minutes > 59 || hours * 60 + minutes > 14 * 60) return false;

            offset = new TimeSpan(hours, minutes, 0);
            if (sign == '-') offset = offset.Negate();
            return true;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static bool TryDigits(byte[] buffer, int start, int count, out int value)
        {
            value = 0;
            for (var index = start; index < start + count; index++)
            {
                var digit = buffer[index];
                if (!IsDigit(digit)) return false;
                value = value * 10 + (digit - '0');
            }
            return true;
        }

        private static bool IsDigit(byte character) => character >= '0' && character <= '9';
    }
}
