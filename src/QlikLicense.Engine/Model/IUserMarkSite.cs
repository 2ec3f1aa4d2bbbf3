namespace QlikLicense.Model
{
    /// <summary>
    /// The optional part of the site seam for sites whose users carry QMC tags and custom property values an administrator
    /// can mark them with: its <see cref="ISite.ReadUsers"/> narrows by <see cref="UserFilter.Tag"/> and
    /// <see cref="UserFilter.CustomProperty"/>, which a site without this part answers with nobody.
    /// </summary>
    public interface IUserMarkSite
    {
    }
}
