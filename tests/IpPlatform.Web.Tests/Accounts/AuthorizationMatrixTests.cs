using System.Net;
using IpPlatform.Testing;

namespace IpPlatform.Web.Tests.Accounts;

/// <summary>
/// Every staff page and API, tried by every role at every scope of the demo recipe (and by an applicant and an anonymous
/// visitor): who gets in, who is refused, and who is told the object does not exist.
/// </summary>
public sealed class AuthorizationMatrixTests(WebFixture app) : IAsyncLifetime
{
    private const string Ok = "200", NotFound = "404", Denied = "denied", Login = "login";

    // The Shenyang (铁西) organisation of the demo recipe submits certification once for the whole class.
    private static Guid _shenyangRequest;
    private static Guid _dalianReviewer;

    private static readonly string[] Paths =
    [
        "/staff", "/staff/certifications", "/staff/certifications/{request}", "/staff/certifications/{request}/document?kind=IdentityDocument",
        "/admin/staff", "/admin/staff/new", "/admin/staff/{dalianReviewer}", "/admin/audit",
        "/org", "/org/certification", "/org/members", "/api/programs", "/staff/stats",
    ];

    /// <summary>Expected answers in the order of <see cref="Paths"/>.</summary>
    public static TheoryData<string, string[]> Matrix => new()
    {
        { "anonymous", [Login, Login, Login, Login, Login, Login, Login, Login, Login, Login, Login, Ok, Login] },
        { "materials.admin@example.com", [Denied, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Ok, Ok, Ok, Denied] },
        { "admin.province@example.com", [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok, Denied, Denied, Denied, Ok, Denied] },
        { "editor.province@example.com", [Ok, Denied, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "reviewer.province@example.com", [Ok, Ok, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Ok] },
        { "expert.province@example.com", [Ok, Denied, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "admin.shenyang@example.com", [Ok, Ok, Ok, Ok, Ok, Ok, NotFound, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "editor.shenyang@example.com", [Ok, Denied, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "reviewer.shenyang@example.com", [Ok, Ok, Ok, Ok, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Ok] },
        { "expert.shenyang@example.com", [Ok, Denied, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "admin.dalian@example.com", [Ok, Ok, NotFound, NotFound, Ok, Ok, Ok, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "editor.dalian@example.com", [Ok, Denied, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "reviewer.dalian@example.com", [Ok, Ok, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Ok] },
        { "expert.dalian@example.com", [Ok, Denied, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "admin.heping@example.com", [Ok, Ok, NotFound, NotFound, Ok, Ok, NotFound, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "editor.heping@example.com", [Ok, Denied, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Denied] },
        { "reviewer.heping@example.com", [Ok, Denied, NotFound, NotFound, Denied, Denied, Denied, Denied, Denied, Denied, Denied, Ok, Ok] },
    };

    public async ValueTask InitializeAsync()
    {
        if (_shenyangRequest != Guid.Empty)
        {
            return;
        }

        var applicant = await app.SignedInAsync("equipment.admin@example.com");
        var submitted = await Registration.SubmitCertificationAsync(applicant);
        submitted.RedirectsTo("/org/certification").ShouldBeTrue();
        _shenyangRequest = await app.Database.ScalarAsync<Guid>(
            $"SELECT r.id FROM certification_requests r JOIN organisations o ON o.id = r.organisation_id WHERE o.credit_code = '{DemoAccounts.CreditCodeOf("equipment.admin@example.com")}'");
        _dalianReviewer = await app.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'reviewer.dalian@example.com'");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_account_reaches_exactly_what_its_role_and_scope_allow(string account, string[] expected)
    {
        var client = account == "anonymous" ? app.NewFormClient() : await app.SignedInAsync(account);
        var mismatches = new List<string>();
        for (var i = 0; i < Paths.Length; i++)
        {
            var path = Paths[i].Replace("{request}", _shenyangRequest.ToString()).Replace("{dalianReviewer}", _dalianReviewer.ToString());
            var actual = Classify(await client.GetAsync(path));
            if (actual != expected[i])
            {
                mismatches.Add($"{Paths[i]}: expected {expected[i]}, got {actual}");
            }
        }

        mismatches.ShouldBeEmpty();
    }

    private static string Classify(PageResponse response) => response.Status switch
    {
        HttpStatusCode.OK => Ok,
        HttpStatusCode.NotFound => NotFound,
        HttpStatusCode.Redirect when response.RedirectsTo("/account/access-denied") => Denied,
        HttpStatusCode.Redirect when response.RedirectsTo("/account/login") => Login,
        _ => $"{(int)response.Status} {response.Location}",
    };
}
