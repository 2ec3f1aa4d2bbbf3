using System.Collections.Generic;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>The steps of one call, and the seats they may use.</summary>
    public sealed class GrantPlan
    {
        internal GrantPlan(IReadOnlyList<GrantStep> steps, SeatCounter seats, string? seatWarning)
        {
            Steps = steps;
            Seats = seats;
            SeatWarning = seatWarning;
        }

        public IReadOnlyList<GrantStep> Steps { get; }
        public SeatCounter Seats { get; }

        /// <summary>Why the seat counts are unknown, when they are; null otherwise.</summary>
        public string? SeatWarning { get; }
    }
}
