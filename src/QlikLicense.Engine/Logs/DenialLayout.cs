using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace QlikLicense.Logs
{
    /// <summary>Column positions of one header and the test that picks denial lines out of it.</summary>
    internal sealed class DenialLayout
    {
        private static readonly byte[] DeniedResult = Ascii("403");
        private static readonly byte[] LicenseCheckCommand = Ascii("License user access");
        private static readonly byte[] LicenseCheckCommandAndDeniedResult = Ascii("License user access\t403");
        private static readonly byte[] UsageDeniedOperation = Ascii("UsageDenied");
        private static readonly byte[] NoAvailableAccessType = Ascii("NoAvailableAccessType");

        /// <summary>How Qlik writes a line break inside a message (U+21B5 U+2193).</summary>
        private const string EncodedLineBreak = "\u21B5\u2193";

        /// <summary>What a column holds where it has no value; compared as bytes, so no string is made for it.</summary>
        private static readonly byte[] NotAvailable = Ascii("Not available");

        /// <summary>A session or package id where the line belongs to no proxy session or request.</summary>
        private static readonly byte[] NoIdentifier = Ascii("0");

        /// <summary>How a layout tells a denial: by Command + Result, by Operation, or by the result code alone.</summary>
        private enum Test
        {
            CommandAndResult,
            Operation,
            ResultCode,
        }

        private Test test;

        /// <summary>
        /// Bytes of which every denial line of this layout holds at least one (tested fields with their TABs), which
        /// the reader looks for across whole blocks of the file: lines holding none are no denial and are never looked
        /// at. The rarer the bytes, the fewer lines are: where Result follows Command, as Qlik writes its audit logs, a
        /// repository denial holds the two fields together and a proxy's holds NoAvailableAccessType, so the many other
        /// 403s of a proxy's audit log are passed.
        /// </summary>
        public byte[][] Markers { get; private set; } = Array.Empty<byte[]>();

        private int timestamp, command, result, operation, message;
        private int userDirectory, userId, userName;
        private int serviceUser, origin, clientAddress, sessionId, packageId, recordId;

        private DenialLayout()
        {
        }

        internal static DenialLayout? Create(string[] columns)
        {
            var layout = new DenialLayout
            {
                timestamp = Array.IndexOf(columns, "Timestamp"),
                command = Array.IndexOf(columns, "Command"),
                result = Array.IndexOf(columns, "Result"),
                operation = Array.IndexOf(columns, "Operation"),
                message = Array.IndexOf(columns, "Message"),
                userName = Array.IndexOf(columns, "UserName"),
                serviceUser = Array.IndexOf(columns, "ServiceUser"),
                origin = Array.IndexOf(columns, "Origin"),
                clientAddress = FirstOf(columns, "ClientHostAddress", "IpAddress"),
                sessionId = Array.IndexOf(columns, "ProxySessionId"),
                packageId = Array.IndexOf(columns, "ProxyPackageId"),
                recordId = Array.IndexOf(columns, "Id"),
            };

            // Audit and service logs name the user in UserDirectory + UserId, traces in ActiveUser*; the License
            // trace's UserId is the user's repository GUID, its user is UserName (DIRECTORY\user).
            var directoryColumn = Array.IndexOf(columns, "UserDirectory");
            var userIdColumn = Array.IndexOf(columns, "UserId");
            var activeDirectoryColumn = Array.IndexOf(columns, "ActiveUserDirectory");
            var activeUserIdColumn = Array.IndexOf(columns, "ActiveUserId");
            var namesUser = directoryColumn >= 0 && userIdColumn >= 0;
            var namesActiveUser = !namesUser && activeDirectoryColumn >= 0 && activeUserIdColumn >= 0;
            layout.userDirectory = namesUser ? directoryColumn : namesActiveUser ? activeDirectoryColumn : -1;
            layout.userId = namesUser ? userIdColumn : namesActiveUser ? activeUserIdColumn : -1;

            if (layout.timestamp < 0 || (layout.userId < 0 && layout.userName < 0)) return null;
            if (layout.command >= 0 && layout.result >= 0)
            {
                layout.test = Test.CommandAndResult;
                layout.Markers = layout.result != layout.command + 1
                    ? new[] { WholeFields(DeniedResult, layout.result, columns.Length) }
                    : layout.message >= 0
                        ? new[] { WholeFields(LicenseCheckCommandAndDeniedResult, layout.command, columns.Length), NoAvailableAccessType }
                        : new[] { WholeFields(LicenseCheckCommandAndDeniedResult, layout.command, columns.Length) };
            }
            else if (layout.operation >= 0)
            {
                layout.test = Test.Operation;
                layout.Markers = new[] { WholeFields(UsageDeniedOperation, layout.operation, columns.Length) };
            }
            // The bare result code is looked for only in traces that name the active user, as the proxy's Audit trace does.
            else if (layout.message >= 0 && namesActiveUser)
            {
                layout.test = Test.ResultCode;
                layout.Markers = new[] { NoAvailableAccessType };
            }
            else
            {
                return null;
            }
            return layout;
        }

        /// <summary>
        /// Fields' values (TAB-joined, from <paramref name="column"/> on) as they stand in a record's bytes: after a TAB
        /// unless first, before one unless last.
        /// </summary>
        private static byte[] WholeFields(byte[] value, int column, int columnCount)
        {
            var lastColumn = column + value.Count(character => character == (byte)'\t');
            var before = column > 0 ? 1 : 0;
            var after = lastColumn < columnCount - 1 ? 1 : 0;
            var field = new byte[before + value.Length + after];
            if (before == 1) field[0] = (byte)'\t';
            Buffer.BlockCopy(value, 0, field, before, value.Length);
            if (after == 1) field[field.Length - 1] = (byte)'\t';
            return field;
        }

        /// <summary>
        /// Which evidence the current record is, or null when it is no denial. Cheap: compares bytes. The record
        /// holds one of <see cref="Markers"/> (the reader found it there), which is not yet to say in the tested field.
        /// </summary>
        [MethodImpl(LogFileReader.HotPath)]
        public DenialEvidence? Recognize(LogFileReader line)
        {
            switch (test)
            {
                case Test.CommandAndResult:
                    if (!line.FieldEquals(result, DeniedResult)) return null;
                    if (line.FieldEquals(command, LicenseCheckCommand)) return DenialEvidence.RepositoryLicenseCheck;
                    if (message >= 0 && line.FieldContains(message, NoAvailableAccessType)) return DenialEvidence.ProxyAppAccess;
                    return null;
                case Test.Operation:
                    return line.FieldEquals(operation, UsageDeniedOperation) ? DenialEvidence.LicenseTrace : (DenialEvidence?)null;
                default:
                    return line.FieldContains(message, NoAvailableAccessType) ? DenialEvidence.ProxyTrace : (DenialEvidence?)null;
            }
        }

        /// <summary>
        /// Who was denied and when, read first and alone so that lines the filters drop (mostly the service
        /// account) cost no more strings; false when the time or the user cannot be read.
        /// </summary>
        [MethodImpl(LogFileReader.HotPath)]
        public bool TryReadSubject(LogFileReader line, out DenialSubject subject)
        {
            subject = default;
            if (!QlikLogTimestamp.TryParse(line.GetString(timestamp), out var time)) return false;

            string? directory, user;
            if (userId >= 0)
            {
                directory = line.GetString(userDirectory);
                user = line.GetString(userId);
                if (directory.Length == 0 || user.Length == 0) return false;
            }
            else if (!LicenseDenialRecognizer.TrySplitUserName(line.GetString(userName), out directory, out user))
            {
                return false;
            }

            var originValue = Optional(line, origin);
            var isServiceAccount = LicenseDenialRecognizer.IsServiceAccount(directory, user, originValue, Optional(line, serviceUser));
            subject = new DenialSubject(time, directory, user, originValue, isServiceAccount);
            return true;
        }

        /// <summary>The whole denial on the current line.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public DenialRecord Read(LogFileReader line, in DenialSubject subject, DenialEvidence evidence, string source, string file)
        {
            var text = message >= 0 ? line.GetString(message).Replace(EncodedLineBreak, "\n") : null;
            return new DenialRecord(
                subject.Timestamp,
                subject.UserDirectory,
                subject.UserId,
                subject.Origin,
                Optional(line, clientAddress) ?? LicenseDenialRecognizer.MessageValue(text, "Hostname"),
                Identifier(line, sessionId) ?? LicenseDenialRecognizer.MessageValue(text, "SessionID"),
                Identifier(line, packageId),
                Optional(line, recordId),
                text,
                evidence,
                source,
                file,
                subject.IsServiceAccount);
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static string? Optional(LogFileReader line, int column)
        {
            if (column < 0 || line.FieldEquals(column, NotAvailable)) return null;
            var value = line.GetString(column);
            return value.Length == 0 ? null : value;
        }

        [MethodImpl(LogFileReader.HotPath)]
        private static string? Identifier(LogFileReader line, int column) =>
            column >= 0 && line.FieldEquals(column, NoIdentifier) ? null : Optional(line, column);

        private static int FirstOf(string[] columns, params string[] names)
        {
            foreach (var name in names)
            {
                var index = Array.IndexOf(columns, name);
                if (index >= 0) return index;
            }
            return -1;
        }

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
    }
}
