import DuetCLI
import Foundation

exit(await DuetMain.run(Array(CommandLine.arguments.dropFirst())))
