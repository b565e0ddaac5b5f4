using System.CommandLine;
using System.Text;
using Etl.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
return EtlCommandLine.Run(args, Console.Out, Console.Error);
