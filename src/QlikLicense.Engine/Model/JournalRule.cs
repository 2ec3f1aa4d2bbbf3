using System;
using Newtonsoft.Json;

namespace QlikLicense.Model
{
    /// <summary>A license rule as a journal line holds it: enough to compare it with the site and to put it back.</summary>
    public sealed class JournalRule
    {
        [JsonProperty("id", NullValueHandling = NullValueHandling.Ignore)] public Guid? Id { get; set; }
        [JsonProperty("name")] public string? Name { get; set; }
        [JsonProperty("type")] public LicenseAccessType Type { get; set; }
        [JsonProperty("rule")] public string? Rule { get; set; }
        [JsonProperty("comment")] public string? Comment { get; set; }
        [JsonProperty("disabled")] public bool Disabled { get; set; }
        [JsonProperty("accessGroupId", NullValueHandling = NullValueHandling.Ignore)] public Guid? AccessGroupId { get; set; }
        [JsonProperty("accessGroupName", NullValueHandling = NullValueHandling.Ignore)] public string? AccessGroupName { get; set; }
        [JsonProperty("modifiedDate", NullValueHandling = NullValueHandling.Ignore)] public DateTime? ModifiedDate { get; set; }
        [JsonProperty("modifiedByUserName", NullValueHandling = NullValueHandling.Ignore)] public string? ModifiedByUserName { get; set; }

        /// <summary>Same name, text, comment and state (what an undo puts back and checks).</summary>
        public bool SameContent(JournalRule? other) =>
            other != null && Name == other.Name && Rule == other.Rule && (Comment ?? string.Empty) == (other.Comment ?? string.Empty) && Disabled == other.Disabled;

        public override string ToString() => $"{Type} license rule '{Name}'";
    }
}
