using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IpPlatform.Identity.Accounts;

/// <summary>
/// ASP.NET Core Identity's user manager (cancelled when the request is), checking every password (sign-in, the second
/// factor's set-up, a password change) in a turn at the cores (<see cref="PasswordHashingTurns"/>): the check waits in
/// order of arrival without holding a thread, and only the hash itself is in the turn — the reads and writes around it
/// (the failed-attempt count, a rehash) are not.
/// </summary>
public sealed class PlatformUserManager(
    IUserStore<PlatformUser> userStore, IOptions<IdentityOptions> options, IPasswordHasher<PlatformUser> hasher,
    IEnumerable<IUserValidator<PlatformUser>> userValidators, IEnumerable<IPasswordValidator<PlatformUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<PlatformUser>> logger,
    PasswordHashingTurns turns)
    : AspNetUserManager<PlatformUser>(userStore, options, hasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override Task<PasswordVerificationResult> VerifyPasswordAsync(IUserPasswordStore<PlatformUser> store, PlatformUser user, string password) =>
        turns.CheckAsync(() => base.VerifyPasswordAsync(store, user, password), CancellationToken);
}
