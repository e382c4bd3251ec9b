using IpPlatform.Identity;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel;
using IpPlatform.Kernel.Caching;
using IpPlatform.Kernel.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Quartz;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using IpPlatform.Kernel.Modules;
using IpPlatform.Web.Api;
using IpPlatform.Web.Data;
using Microsoft.Extensions.Logging.Console;

namespace IpPlatform.Web.Hosting;

/// <summary>Builds and wires the web application; Program only chooses what to do with it.</summary>
public static class PlatformApp
{
    /// <summary>The rate-limiting policy of the search pages.</summary>
    public const string SearchLimit = "search";

    /// <summary>The output-cache policy of the public search page: anonymous result pages, until this instance's index or the public pages change.</summary>
    public const string SearchPageCache = "search-pages";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        ConfigureLogging(builder);

        var catalog = ModuleCatalog.FromDirectory(AppContext.BaseDirectory);
        builder.Services.AddKernel(catalog);
        builder.Services.AddPlatformDatabase();
        builder.Services.Configure<PlatformOptions>(builder.Configuration.GetSection("Platform"));
        builder.Services.Configure<PlatformDataOptions>(builder.Configuration.GetSection("Platform"));
        builder.Services.PostConfigure<PlatformDataOptions>(o =>
            o.DataDirectory = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, o.DataDirectory)));
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection("Mail"));
        builder.Services.AddOptions<Kernel.Files.ClamAvOptions>().Bind(builder.Configuration.GetSection(Kernel.Files.ClamAvOptions.Section))
            .Validate(o => !o.Enabled || (o.Port is > 0 and < 65536 && o.StreamMaxLength > 0 && o.TimeoutSeconds > 0),
                "Uploads:ClamAv 的 Port、StreamMaxLength、TimeoutSeconds 须为正数（Port 不超过 65535）")
            .ValidateOnStart();
        builder.Services.AddPlatformIdentity<PlatformDbContext>();
        var keyRing = builder.Services.AddDataProtection().SetApplicationName("IpPlatform");
        if (builder.Configuration["Platform:KeyRingCertificate"] is { Length: > 0 } certificate)
        {
            keyRing.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificate, builder.Configuration["Platform:KeyRingCertificatePassword"]));
        }

        builder.Services.AddSingleton<PublicLinks>();
        builder.Services.AddSingleton(sp => new IpPlatform.Identity.Oidc.OidcIssuer(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlatformOptions>>().Value.PublicUrl is { Length: > 0 } url ? url : throw new InvalidOperationException(PublicLinks.MissingMessage)));
        builder.Services.AddCors();
        builder.Services.AddPlatformRateLimits();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider, OidcCorsPolicyProvider>();
        builder.Services.AddScoped<IpPlatform.Web.Pages.Connect.AuthorizationSession>();
        builder.Services.AddSingleton<IpPlatform.Kernel.Notifications.IAbsoluteLinks>(sp => sp.GetRequiredService<PublicLinks>());
        AddScheduling(builder.Services);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DataProtectionKeys(scopes));
        builder.Services.AddHostedService<StartupTasksService>();
        builder.Services.AddPlatformHealthChecks();
        builder.AddPlatformTelemetry();
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Staff", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Admin", Policies.Administrator);
            o.Conventions.AuthorizeFolder("/Org", Policies.Applicant);
            o.Conventions.AuthorizeFolder("/Editor", Policies.Editor);
            o.Conventions.AuthorizeFolder("/Apply", Policies.Applicant);
            // Page folders mirror routes: /applications, /inbox (applicants), /review, /expert (staff).
            o.Conventions.AuthorizeFolder("/Applications", Policies.Applicant);
            o.Conventions.AuthorizeFolder("/Inbox", Policies.Applicant);
            o.Conventions.AuthorizeFolder("/Review", Policies.Staff);
            o.Conventions.AuthorizeFolder("/Expert", Policies.Staff);
            o.Conventions.AddPageRoute("/Editor/Notices/Edit", "/editor/{section:regex(^(notices|pages)$)}/new/{handler?}");
        }).AddMvcOptions(ChineseBindingMessages.Configure);
        // Chinese text is written as is, not as &#x...; entities: readable source, a third of the bytes.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ipp.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddOutputCache(o =>
        {
            o.AddPolicy(PublicPageCache.Tag, p => p
                .Expire(PublicPageCache.Lifetime)
                .SetVaryByQuery("*")
                .VaryByValue(context => context.RequestServices.GetRequiredService<PublicPageCache>().Generation)
                .AddPolicy<VisitorsOnlyCachePolicy>()
                .Tag(PublicPageCache.Tag));
            // Keyed by the generation of this instance's index (and of the public pages): a page of results is kept until
            // the index has applied a change, and never served after it.
            o.AddPolicy(SearchPageCache, p => p
                .Expire(TimeSpan.FromMinutes(10))
                .SetVaryByQuery("q", "kind", "authority", "program", "year", "p")
                .VaryByValue(context => new("gen", context.RequestServices.GetRequiredService<Kernel.Search.PublicSearch>().Generation + "." +
                    context.RequestServices.GetRequiredService<PublicPageCache>().Generation.Value))
                .AddPolicy<VisitorsOnlyCachePolicy>()
                .Tag(PublicPageCache.Tag));
        });
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a TLS-terminating proxy: trust X-Forwarded-For/Proto from the proxies named in Platform:KnownProxies.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("Platform:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer(async (document, context, ct) =>
        {
            document.Info.Title = (await context.ApplicationServices.GetRequiredService<Kernel.Site.SiteInfo>().GetAsync(ct)).Name + " API";
            document.Info.Version = "v1";
        }));
        customize?.Invoke(builder);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler("/error");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders();
        app.MapStaticAssets();
        app.UseRouting();
        // A cached anonymous page is answered here, before rate limits, CORS and sign-in (VisitorsOnlyCachePolicy).
        app.UseOutputCache();
        app.UseCors();
        app.UsePlatformRateLimits();
        app.UseWriteAdmission();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapPlatformHealth();
        app.MapOpenApi();
        app.MapProgramsApi();
        app.MapCalendarApi();
        app.MapOidcTokens();
        app.MapOidcUserInfo();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Quartz with its jobs in the platform's PostgreSQL, clustered: a scheduled publish survives a restart and fires on
    /// one instance only. The connection string is read when the scheduler starts. Its tables are made by the migrate
    /// step (<see cref="ProvisionQuartzSchema"/>, as the owner); the app's scheduler only checks they are there.
    /// </summary>
    private static void AddScheduling(IServiceCollection services)
    {
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                // Quartz reads ConnectionStrings:Default itself when the scheduler starts (tests supply it late).
                store.UsePostgres(postgres => postgres.ConnectionStringName = DatabaseSetup.AppConnectionName);
                store.UseSystemTextJsonSerializer();
                store.UseClustering();
            });
            Every<IpPlatform.Kernel.Scheduling.ApplicationTimers>(q, "application-timers", TimeSpan.FromMinutes(1));
            Every<IpPlatform.Identity.Oidc.OidcHousekeeping>(q, "oidc-housekeeping", TimeSpan.FromHours(1));
        });
        services.AddOptions<QuartzOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.Properties["quartz.scheduler.instanceName"] = "ipp";
            o.Properties["quartz.scheduler.instanceId"] = "AUTO";
            _ = DatabaseSetup.ConnectionString(configuration); // fail early, in Chinese, when it is missing
        });

        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>Runs <typeparamref name="TWork"/> every <paramref name="interval"/> from start-up, under a job and trigger named <paramref name="name"/>.</summary>
    private static void Every<TWork>(IQuartzBuilder q, string name, TimeSpan interval) where TWork : IpPlatform.Kernel.Scheduling.IScheduledWork
    {
        var key = new JobKey(name);
        q.ScheduleJob<IpPlatform.Kernel.Scheduling.ScheduledJob<TWork>>(
            trigger => trigger.WithIdentity(name).ForJob(key).StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()),
            job => job.WithIdentity(key));
    }

    /// <summary>JSON lines in production (for log shippers), one readable line per event in development.</summary>
    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        // WriteAdmission reads a form's body before the request waits its turn; a page's [RequestSizeLimit] (raised for
        // uploads, which WriteAdmission leaves alone) then finds the limit fixed and would warn on every save.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc.Filters.RequestSizeLimitFilter", LogLevel.Error);
        // Every page with a form is personal and sent no-store by antiforgery; its warning saying so on each such page
        // is the intended behaviour, not something an operator can act on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Antiforgery.DefaultAntiforgery", LogLevel.Error);
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions
                {
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                };
            });
        }
    }
}
