namespace QlikLicense.Model
{
    /// <summary>
    /// The optional part of the site seam for sites that gather releases and allocations into batch actions (a Qlik Cloud
    /// tenant): the operations keep as many changes in flight as a batch carries, so each batch fills.
    /// </summary>
    public interface IBatchedWriteSite
    {
        /// <summary>The most changes one batch action carries.</summary>
        int BatchSize { get; }
    }
}
