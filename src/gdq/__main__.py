from gdq.cli import main

main()
