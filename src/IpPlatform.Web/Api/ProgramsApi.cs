using IpPlatform.Kernel.Programs;

namespace IpPlatform.Web.Api;

public static class ProgramsApi
{
    public sealed record ProgramDto(string Slug, string Name, string Module, string ModuleName, string OwnerCode, string OwnerAgency, string Seed);

    public static void MapProgramsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/programs", async (ProgramDirectory directory, CancellationToken ct) =>
                (await directory.ListAsync(ct))
                .Select(p => new ProgramDto(p.Slug, p.Name, p.ModuleId, p.ModuleName, p.OwnerCode, p.OwnerAgency, p.Seed.Title)))
            .WithTags("项目")
            .WithSummary("项目列表")
            .WithDescription("平台上开展的全部项目及其主管部门。");
}
