namespace QlikLicense.Model
{
    /// <summary>Which kind of site a connection reaches.</summary>
    public enum SiteKind
    {
        /// <summary>A Qlik Sense Enterprise on Windows site, through its Repository Service (QRS).</summary>
        QlikSense,

        /// <summary>A Qlik Cloud tenant, through its REST API.</summary>
        QlikCloud,
    }
}
