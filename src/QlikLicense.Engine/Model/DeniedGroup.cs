namespace QlikLicense.Model
{
    /// <summary>
    /// The denied users of one directory group (a user in several groups counts in each), with the license rules that
    /// name the group and why its members were denied all the same. Users without a group come as one row whose
    /// <see cref="Group"/> is null.
    /// </summary>
    public sealed class DeniedGroup
    {
        public string? Site { get; set; }

        /// <summary>The group as the user directory connector reports it; null for the denied users without a group.</summary>
        public string? Group { get; set; }

        /// <summary>Denied members the site knows.</summary>
        public int Denied { get; set; }

        /// <summary>Of those, how many hold a license now (allocated since the denial, by hand or by a rule).</summary>
        public int Licensed { get; set; }

        /// <summary>Of those, how many are inactive (removed from the directory or blocked).</summary>
        public int Inactive { get; set; }

        /// <summary>Enabled license rules whose text names the group.</summary>
        public TextList EnabledRules { get; set; } = TextList.Empty;

        /// <summary>Disabled license rules whose text names the group.</summary>
        public TextList DisabledRules { get; set; } = TextList.Empty;

        /// <summary>Why the members were denied, as far as the rules, the seats and the users tell.</summary>
        public string Finding { get; set; } = string.Empty;

        public override string ToString() => (Group ?? "(no group)") + ": " + Finding;
    }
}
