using System;

namespace QlikLicense.Model
{
    /// <summary>
    /// The optional part of the site seam for sites whose changes travel in batches (a Qlik Cloud tenant's batch
    /// actions): the changes asked one allocation at a time while a gathering is open are sent together when it closes,
    /// or as soon as a batch is full, so a batch of changes costs one request.
    /// </summary>
    public interface IBatchedChangeSite
    {
        /// <summary>The most changes one request carries.</summary>
        int LargestBatch { get; }

        /// <summary>Holds changes asked from now on until the returned scope is disposed (full batches still go at once).</summary>
        IDisposable GatherChanges();
    }
}
