namespace IpPlatform.Kernel.Authorities;

/// <summary>
/// Something kept in memory that shows authorities' names or places (e.g. the program listing's owners): told after the
/// authorities recipe step committed a change, so the authorities know nothing of what depends on them.
/// </summary>
public interface IAuthoritiesChanged
{
    void AuthoritiesChanged();
}
