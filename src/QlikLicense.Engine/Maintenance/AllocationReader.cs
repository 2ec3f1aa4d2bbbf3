using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Maintenance
{
    /// <summary>Reads allocations with server-side filters, streamed.</summary>
    public static class AllocationReader
    {
        /// <summary>The filter for the usual questions; every part is evaluated by QRS, never after fetching all.</summary>
        public static QrsFilter Filter(string userId = null, string userDirectory = null, DateTime? unusedSince = null, bool? quarantined = null) =>
            QrsFilter.And(
                userId == null ? null : QrsFilter.Equal("user.userId", userId),
                userDirectory == null ? null : QrsFilter.Equal("user.userDirectory", userDirectory),
                // Never-used allocations carry a minimum date, so "last used before" includes them, as it should.
                unusedSince == null ? null : QrsFilter.Before("lastUsed", unusedSince.Value),
                quarantined == null ? null : QrsFilter.Equal("quarantined", quarantined.Value));

        public static IEnumerable<LicenseAllocation> Read(QlikConnection connection, LicenseAccessType type, QrsFilter filter, QrsCall call) =>
            connection.Client.Stream(QrsPaths.Full(QrsPaths.Allocations(type)), json => WithConnection(LicenseAllocation.FromJson(json, type), connection), call, filter);

        /// <summary>One allocation by id; null when QRS no longer has it.</summary>
        public static async Task<LicenseAllocation> FindAsync(QlikConnection connection, LicenseAccessType type, Guid id, QrsCall call)
        {
            try
            {
                return await connection.Client.GetObjectAsync(QrsPaths.Entity(QrsPaths.Allocations(type), id),
                    entity => WithConnection(LicenseAllocation.FromJson(entity, type), connection), call).ConfigureAwait(false);
            }
            catch (QrsException error) when (error.Kind == QrsErrorKind.NotFound)
            {
                return null;
            }
        }

        private static LicenseAllocation WithConnection(LicenseAllocation allocation, QlikConnection connection)
        {
            allocation.Connection = connection;
            return allocation;
        }
    }
}
