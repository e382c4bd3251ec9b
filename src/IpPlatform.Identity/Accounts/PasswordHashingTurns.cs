namespace IpPlatform.Identity.Accounts;

/// <summary>
/// Turns at computing password hashes: at most one per processor core at a time (an argon2id hash takes 19 MiB and
/// about 18 ms of a core; more at once only share the cores and the cache). A password check (<see
/// cref="PlatformUserManager"/>: a sign-in) takes its turn asynchronously, in order of arrival among the checks: a burst
/// of sign-ins waits in a queue that holds no thread, and the hash computed in the turn does not wait again. A hash
/// computed outside a turn (a new password: registration, a reset, a recipe) waits for a core synchronously, and may
/// be served before the checks queued at that moment.
/// </summary>
public sealed class PasswordHashingTurns(int cores)
{
    /// <summary>The process's turns, one per core of the machine (what the platform registers and hashes with).</summary>
    public static PasswordHashingTurns Machine { get; } = new(Environment.ProcessorCount);

    private readonly SemaphoreSlim _cores = new(cores);
    private readonly AsyncLocal<Turn?> _current = new();

    /// <summary>Waits for a turn (in order of arrival); the caller disposes of it when its hash is done.</summary>
    public Task<Turn> TakeAsync(CancellationToken ct)
    {
        // Set here, in the caller's flow (an async method's own changes would not reach its caller): the hash the caller
        // computes next finds the turn and, once it is held, does not wait for another.
        var turn = new Turn(this);
        _current.Value = turn;
        return WaitAsync(turn, ct);
    }

    private async Task<Turn> WaitAsync(Turn turn, CancellationToken ct)
    {
        await _cores.WaitAsync(ct);
        turn.Held = true;
        return turn;
    }

    /// <summary>Runs one hash on a core: within the caller's turn when it holds one, else after waiting for a core.</summary>
    public T Compute<T>(Func<T> hash)
    {
        if (_current.Value is { Held: true })
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

    public sealed class Turn(PasswordHashingTurns turns) : IDisposable
    {
        internal bool Held { get; set; }

        public void Dispose()
        {
            if (Held)
            {
                Held = false;
                turns._cores.Release();
            }

            if (turns._current.Value == this)
            {
                turns._current.Value = null;
            }
        }
    }
}
