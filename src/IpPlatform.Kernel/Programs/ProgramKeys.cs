namespace IpPlatform.Kernel.Programs;

/// <summary>The keys under which a program's application form (申报表) and review chain (审核流程) are published: its module's.</summary>
public static class ProgramKeys
{
    public static string ApplicationFormKey(ProgramInstance program) => $"{program.ModuleId}.application";

    public static string ReviewWorkflowKey(ProgramInstance program) => $"{program.ModuleId}.review";
}
