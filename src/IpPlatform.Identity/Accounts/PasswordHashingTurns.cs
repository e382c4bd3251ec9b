namespace IpPlatform.Identity.Accounts;

/// <summary>
/// Turns at computing password hashes: at most one per processor core at a time (an argon2id hash takes 19 MiB and
/// about 18 ms of a core; more at once only share the cores and the cache). A password check (<see
/// cref="PlatformUserManager"/>: a sign-in) runs in a turn it waits for asynchronously, in order of arrival among the
/// checks: a burst of sign-ins waits in a queue that holds no thread, and the hash computed in the turn does not wait
/// again. A hash computed outside a turn (a new password: registration, a reset, a recipe) waits for a core
/// synchronously, and may be served before the checks queued at that moment.
/// </summary>
public sealed class PasswordHashingTurns(int cores)
{
    /// <summary>The process's turns, one per core of the machine (what the platform registers and hashes with).</summary>
    public static PasswordHashingTurns Machine { get; } = new(Environment.ProcessorCount);

    private readonly SemaphoreSlim _cores = new(cores);
    private readonly AsyncLocal<bool> _inTurn = new();

    /// <summary>Runs a password check once a core is free (in order of arrival); its hash takes that core.</summary>
    public async Task<T> CheckAsync<T>(Func<Task<T>> check, CancellationToken ct)
    {
        await _cores.WaitAsync(ct);
        try
        {
            _inTurn.Value = true;   // seen by the check and what it calls, not by this method's caller
            return await check();
        }
        finally
        {
            _inTurn.Value = false;
            _cores.Release();
        }
    }

    /// <summary>Runs one hash on a core: within the caller's turn when it has one, else after waiting for a core.</summary>
    public T Compute<T>(Func<T> hash)
    {
        if (_inTurn.Value)
        {
            return hash();
        }

        _cores.Wait();
        try
        {
            return hash();
        }
        finally
        {
            _cores.Release();
        }
    }
}
