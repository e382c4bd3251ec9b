namespace IpPlatform.Kernel.Reviews;

/// <summary>An expert who may be assigned: fields of expertise, employer (never their own applications), where they sit.</summary>
public sealed record ExpertCandidate(Guid Id, string Name, IReadOnlyList<string> Fields, string? Employer, string? EmployerCreditCode, string CityCode);

/// <summary>The expert pool (kept by Identity: staff accounts holding the expert role).</summary>
public interface IExpertDirectory
{
    Task<IReadOnlyList<ExpertCandidate>> ListAsync(CancellationToken ct = default);
}
