using QlikLicense.HelpBuilder;

if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: QlikLicense.HelpBuilder <docsFolder> <outputFolder>");
    Console.Error.WriteLine("Converts platyPS markdown (schema 2.0.0) into MAML and about_*.help.txt files.");
    return 2;
}

var (docsFolder, outputFolder) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
if (!Directory.Exists(docsFolder))
{
    Console.Error.WriteLine($"{docsFolder}: error QLHELP002: The help source folder does not exist.");
    return 2;
}

try
{
    foreach (var file in HelpFolderConverter.Convert(docsFolder, outputFolder))
    {
        Console.WriteLine($"Help written: {file}");
    }

    return 0;
}
catch (AggregateException failures) when (failures.InnerExceptions.All(failure => failure is HelpSchemaException))
{
    foreach (HelpSchemaException failure in failures.InnerExceptions)
    {
        Console.Error.WriteLine(failure.ToBuildError());
    }

    return 1;
}
