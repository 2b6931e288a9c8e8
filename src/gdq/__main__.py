from gdq.entry import main

main()
