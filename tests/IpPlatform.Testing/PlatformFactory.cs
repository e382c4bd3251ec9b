using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Recipes;
using IpPlatform.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace IpPlatform.Testing;

/// <summary>
/// The whole platform hosted in-process against a fresh database: migrations and the site recipe run at start, as in
/// production. Use as a class fixture; <see cref="StartOnRealPortAsync"/> serves on a loopback port for browsers.
/// </summary>
public class PlatformFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TestDatabase? _sharedDatabase;

    public PlatformFactory()
    {
    }

    /// <summary>A second app on an existing database (a restart); the database outlives this factory.</summary>
    public PlatformFactory(TestDatabase database, string dataDirectory)
    {
        _sharedDatabase = database;
        DataDirectory = dataDirectory;
    }

    private int? _port;

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>Uploads and development mail of this fixture (deleted afterwards).</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ipp-test-" + Guid.NewGuid().ToString("N")[..12]);

    public bool OwnsDatabase => _sharedDatabase is null;

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    /// <summary>Extra recipes (paths relative to the app) run at start after the site recipe.</summary>
    protected virtual IEnumerable<string> ExtraRecipes => [];

    /// <summary>Serve on a free loopback port (for browsers) instead of the in-memory test server.</summary>
    protected virtual bool ServeOnRealPort => false;

    /// <summary>Where a browser reaches the app when <see cref="ServeOnRealPort"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost");

    /// <summary>Creates the database and starts the app, so migrations and recipes have run before any test.</summary>
    public virtual async ValueTask InitializeAsync()
    {
        Database = _sharedDatabase ?? await TestDatabase.CreateAsync();
        if (ServeOnRealPort)
        {
            // The port is chosen first so that the platform's public address (the OIDC issuer, links in mail) is the real one.
            _port = FreeLoopbackPort();
            UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, _port.Value));
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            BaseAddress = new Uri(address);
        }
        else
        {
            StartServer();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The platform's clock: the system's, which a test may move forward.</summary>
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        // Outside Development the host does not read the static web assets manifest by itself (publish copies the
        // files instead); tests run from the build output, so they read it like a developer's run does.
        builder.UseStaticWebAssets();
        // Migrations run as the database's owner, the platform as a role that may only read and write rows.
        builder.UseSetting("ConnectionStrings:Default", Database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", Database.OwnerConnectionString);
        builder.UseSetting("Platform:DataDirectory", DataDirectory);
        builder.UseSetting("Platform:PublicUrl", _port is { } port ? $"http://127.0.0.1:{port}" : "http://ipp.test");
        ConfigureRateLimits(builder);
        // The in-memory test server has no request-size feature; routing warns about that on every form post, which
        // would bury a failing test's output under thousands of identical lines.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware", "Error");
        if (!ProductionPasswordHashing)
        {
            builder.ConfigureTestServices(services =>
                services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<PlatformUser>>(new Argon2PasswordHasher(TestPasswordHashing))));
        }

        var recipes = new[] { "recipes/liaoning.recipe.json" }.Concat(ExtraRecipes).ToList();
        for (var i = 0; i < recipes.Count; i++)
        {
            builder.UseSetting($"Platform:StartupRecipes:{i}", recipes[i]);
        }
    }

    /// <summary>
    /// argon2id at a test's cost (1 MiB, one pass: about a millisecond) instead of OWASP's (19 MiB, two passes: 60–130 ms
    /// here): the suites create and sign in hundreds of accounts. <c>PasswordHashingTests</c> runs the platform as
    /// production has it (<see cref="ProductionPasswordHashing"/>).
    /// </summary>
    public static readonly Argon2Parameters TestPasswordHashing = new(1_024, 1, 1);

    /// <summary>Whether passwords are hashed with the platform's own parameters rather than <see cref="TestPasswordHashing"/>.</summary>
    protected virtual bool ProductionPasswordHashing => false;

    /// <summary>
    /// Tests sign in, register and upload far more often than a person from one address (and, in process, with no
    /// address at all): every rate limit is raised out of their way here. The fixture that tests the limits
    /// (<c>RateLimitTests</c>) sets its own.
    /// </summary>
    protected virtual void ConfigureRateLimits(IWebHostBuilder builder)
    {
        var defaults = new RateLimitOptions();
        foreach (var action in Enum.GetValues<LimitedAction>())
        {
            builder.UseSetting($"{RateLimitOptions.Section}:{action}:PermitLimit", "1000000");
            if (defaults.Rule(action) is AccountRateLimitRule)
            {
                builder.UseSetting($"{RateLimitOptions.Section}:{action}:AccountPermitLimit", "1000000");
            }
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    /// <remarks>On a real port (browser tests) the client is a real one, on the same address as the browser.</remarks>
    public FormClient NewFormClient() => new(_port is null
        ? CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
        : new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = BaseAddress });

    /// <summary>A client signed in as a demo account (staff pass the TOTP step with the recipe's key).</summary>
    public async Task<FormClient> SignedInAsync(string email)
    {
        var client = NewFormClient();
        var key = DemoAccounts.StaffEmails.Contains(email) ? DemoAccounts.TotpKey(email) : null;
        var response = await client.SignInAsync(email, DemoAccounts.Password, key);
        if (response.Status != System.Net.HttpStatusCode.Redirect || response.RedirectsTo("/account/login") || response.RedirectsTo("/account/login-2fa"))
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {response.Status} {response.Location}");
        }

        return client;
    }

    /// <summary>
    /// The newest mail written to the pickup directory for <paramref name="to"/>, decoded. Mail is delivered in the
    /// background, so this waits up to <paramref name="wait"/> (default 5 s) for it.
    /// </summary>
    public string LatestMailTo(string to, TimeSpan? wait = null) => MailTo(to, null, wait);

    /// <summary>
    /// The newest mail to <paramref name="to"/> that contains <paramref name="containing"/> (any, when null), decoded;
    /// mail is delivered in the background, so this waits up to <paramref name="wait"/> (default 5 s) for it.
    /// </summary>
    public string MailTo(string to, string? containing, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(5));
        do
        {
            var files = Directory.Exists(MailDirectory) ? Directory.GetFiles(MailDirectory, "*.eml") : [];
            foreach (var file in files.OrderByDescending(File.GetLastWriteTimeUtc))
            {
                var text = MailText.Decode(file);
                if (text.Contains("To: " + to, StringComparison.OrdinalIgnoreCase) && (containing is null || text.Contains(containing, StringComparison.Ordinal)))
                {
                    return text;
                }
            }

            Thread.Sleep(50);
        }
        while (DateTime.UtcNow < deadline);

        throw new InvalidOperationException($"No mail to {to}{(containing is null ? "" : $" containing “{containing}”")} in {MailDirectory}");
    }

    /// <summary>The first link of the newest mail to <paramref name="to"/>, as a path and query for a test client.</summary>
    public string LatestLinkTo(string to)
    {
        var mail = LatestMailTo(to);
        var start = mail.IndexOf("http", StringComparison.Ordinal);
        return new Uri(mail[start..].Split('\n')[0].Trim()).PathAndQuery;
    }

    public async Task<RecipeResult> RunRecipeAsync(RecipeSource source)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecipeRunner>().RunAsync(source);
    }

    public Task<IReadOnlyList<RecipeResult>> RunRecipeFilesAsync(params string[] paths) =>
        StartupTasks.RunRecipesAsync(Services, paths);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!OwnsDatabase)
        {
            GC.SuppressFinalize(this);
            return;
        }

        await Database.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        GC.SuppressFinalize(this);
    }
}
