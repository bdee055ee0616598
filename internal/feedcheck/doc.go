package feedcheck
