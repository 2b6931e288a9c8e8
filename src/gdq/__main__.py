from gdq.cli.entry import main

main()
