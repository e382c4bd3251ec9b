using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Data;

/// <summary>The kernel's tables. The host's DbContext applies this, Identity's model and each module's.</summary>
public static class KernelModel
{
    /// <summary>Each kernel entity is configured beside itself, by an <see cref="IEntityTypeConfiguration{TEntity}"/> in the kernel assembly.</summary>
    public static void Configure(ModelBuilder model) => model.ApplyConfigurationsFromAssembly(typeof(KernelModel).Assembly);
}
