using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// Wolverine wraps every handler and endpoint in generated code. Development and Testing generate and compile
/// it at run time (Roslyn), so handlers can change freely; every other environment loads the code committed
/// under <c>Internal/Generated</c> (written by <c>codegen write</c>) and compiles nothing, which is what makes
/// the first command after a start fast. A test fails when the committed code no longer matches the handlers.
/// </summary>
public static class CodeGenerationSetup
{
    public const string TestingEnvironment = "Testing";

    public static bool GeneratesAtRunTime(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment);

    public static WebApplicationBuilder AddPartnershipCodeGeneration(this WebApplicationBuilder builder)
    {
        if (!GeneratesAtRunTime(builder.Environment))
        {
            builder.Services.ConfigureWolverine(opts =>
            {
                opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
                // Where the generated types are compiled in; said outright because under a test runner the
                // entry assembly is the runner's.
                opts.ApplicationAssembly = typeof(CodeGenerationSetup).Assembly;
            });
            // A handler without its pre-generated type fails the start, not its first message.
            builder.Services.CritterStackDefaults(defaults => defaults.Production.AssertAllPreGeneratedTypesExist = true);
        }

        return builder;
    }
}
