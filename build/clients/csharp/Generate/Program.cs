// Usage: Generate <openapi.json> <output.cs>
// NSwag's C# client generator with its defaults, as an integrator would run it: one client class, Newtonsoft.Json
// (NSwag's default, which writes enums by their document names), the base address given to the client. The output is compiled by ../Story as it is, with no edits.
using NSwag;
using NSwag.CodeGeneration.CSharp;

var document = await OpenApiDocument.FromFileAsync(args[0]);
var settings = new CSharpClientGeneratorSettings
{
    ClassName = "PartnershipClient",
    GenerateClientInterfaces = false,
    UseBaseUrl = true,
    CSharpGeneratorSettings =
    {
        Namespace = "PartnershipLifecycle.Client",
    },
};
await File.WriteAllTextAsync(args[1], new CSharpClientGenerator(document, settings).GenerateFile());
Console.WriteLine($"NSwag wrote {args[1]}");
