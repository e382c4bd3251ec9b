using NetArchTest.Rules;

namespace IpPlatform.Web.Tests.Architecture;

/// <summary>
/// A page model turns HTTP into a use-case call and a view: the queries and commands live in the kernel and identity
/// use cases, so no page (nor the compiled views) reaches EF Core or the host's DbContext.
/// </summary>
public sealed class PagesDoNotTouchTheDatabaseTests
{
    private static readonly string[] Database = ["Microsoft.EntityFrameworkCore", "IpPlatform.Web.Data"];

    [Fact]
    public void No_page_model_depends_on_EF_Core_or_the_DbContext()
    {
        var pages = Types.InAssembly(typeof(IpPlatform.Web.Data.PlatformDbContext).Assembly).That().ResideInNamespaceStartingWith("IpPlatform.Web.Pages");
        pages.GetTypes().ShouldNotBeEmpty();

        var result = pages.ShouldNot().HaveDependencyOnAny(Database).GetResult();

        result.IsSuccessful.ShouldBeTrue(
            "These page types read or write the database themselves; move the query or command into a use case: "
            + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void No_view_depends_on_EF_Core_or_the_DbContext()
    {
        var views = Types.InAssembly(typeof(IpPlatform.Web.Data.PlatformDbContext).Assembly).That().ResideInNamespace("AspNetCoreGeneratedDocument");
        views.GetTypes().ShouldNotBeEmpty();

        var result = views.ShouldNot().HaveDependencyOnAny(Database).GetResult();

        result.IsSuccessful.ShouldBeTrue("These views inject or use the database: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
