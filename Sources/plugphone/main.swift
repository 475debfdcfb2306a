import PlugphoneCLI

PlugphoneCommand.runMain()
