"""The class page: start a class, join one, the teacher's dashboard; and a student's line
about the class on the Playground."""

TEXT = {
    "title": "Class",
    "intro": (
        "Run a lesson with a whole class. You pick where everyone starts and, if you like, "
        "a challenge; your students join with a short code and a nickname (nothing else is "
        "asked or kept) and train in their own Playground. Your dashboard shows every "
        "student's run live: who is training, who is stuck on a plateau, whose run blew "
        "up, and who is winning the challenge."
    ),
    # starting a class
    "start_title": "Start a class",
    "setup": "Where everyone starts",
    "setup_now": "The Playground as I left it",
    "setup_link": "A Playground link…",
    "setup_link_input": "Paste a Playground link (its Share button gives one)",
    "setup_csv": "Your own data file cannot be shared with a class; pick a built-in data set.",
    "challenge": "Challenge",
    "challenge_none": "No challenge: just explore",
    "challenge_fewest_weights": "Test accuracy of at least 95 % with the fewest weights",
    "challenge_lowest_test_loss": "The lowest test loss within 2,000 epochs",
    "challenge_no_hidden_layer": (
        "Make a network with no hidden layer reach 90 % test accuracy (fewest epochs wins)"
    ),
    "start": "Start the class",
    "started": "Your class **{code}** has started. It lasts a day unless you end it sooner.",
    "join_link": "The students' link (or tell them the code **{code}**):",
    "dashboard_link": (
        "Your dashboard's link. Keep it to yourself: it holds your teacher key, and only it "
        "opens the dashboard."
    ),
    "open_dashboard": "Open the dashboard",
    # joining
    "join_title": "Join a class",
    "code": "Class code",
    "code_help": "The eight letters and digits your teacher gives you, e.g. ABCD-EFGH.",
    "find": "Find the class",
    "join_class": "Join class {code}",
    "join_challenge": "This class's challenge: {challenge}",
    "nickname": "Your nickname",
    "nickname_help": (
        "Shown to your teacher and, on the leaderboard, to the class. Nothing else about you "
        "is asked or kept; the class and its runs are deleted when it ends."
    ),
    "join": "Join and open the Playground",
    "already_in": "You are in class {code} as **{nickname}**.",
    "back_to_playground": "Back to the Playground",
    "no_such_class": (
        "There is no class {code}, or it has ended. Check the code with your teacher."
    ),
    # what can go wrong (the store's errors, by kind)
    "class_unreachable": (
        "The class's database cannot be reached just now. Try again in a moment; your "
        "Playground works as before."
    ),
    "class_newer_schema": (
        "The class's database was made by a newer version of this app: ask whoever runs "
        "the server to update it."
    ),
    "class_too_many_tries": (
        "Too many codes that do not exist were tried from here. Wait ten minutes and check "
        "the code with your teacher."
    ),
    "class_bad_nickname": "Pick a nickname of 1 to 24 characters.",
    "class_nickname_taken": "Someone in this class already has that nickname; pick another.",
    "class_gone": "This class has ended.",
    # the teacher's dashboard
    "refused": (
        "This link does not open a class's dashboard: its teacher key is wrong or missing, "
        "or the class has ended. Students join with the link without a key."
    ),
    "dashboard_title": "Class {code}",
    "dashboard_intro": "Students join at {link} with the code **{code}**.",
    "ended": "This class has ended; its data has been deleted.",
    "push": "Send a new set-up",
    "push_help": "Every student gets a button to open it; nobody's run changes until they do.",
    "push_send": "Send it to every student",
    "pushed": "Sent. Students see a button to open the new set-up.",
    "pause_class": "Pause the class",
    "resume_class": "Let the class play again",
    "paused_note": "The class is paused: students' training stops, and they are told why.",
    "end_class": "End the class",
    "end_confirm": "End the class for everyone and delete its data",
    "present_link": "On the projector",
    "present_help": "The dashboard alone, in large type, for a 1280 x 720 projector.",
    "safe_link": "On the projector, safe for students",
    "safe_help": "Nicknames and the leaderboard only: no one's numbers or mistakes on show.",
    "count_students": "Students: {n}",
    "state_playing": "training",
    "state_paused": "paused",
    "state_plateaued": "on a plateau",
    "state_diverged": "diverged",
    "state_away": "away",
    "state_joined": "joined",
    "leaderboard": "Leaderboard",
    "leaderboard_empty": "No entry yet: nobody has met the challenge so far.",
    "students": "Every student",
    "nobody_yet": "Nobody has joined yet. Share the students' link or the code.",
    "thumbnails": "What each network predicts",
    "curves_title": "Test loss of every student (train loss where there is no test set)",
    "epoch": "epoch",
    "col_place": "#",
    "col_nickname": "nickname",
    "col_state": "state",
    "col_shape": "network",
    "col_weights": "weights",
    "col_epoch": "epoch",
    "col_train_loss": "train loss",
    "col_test_loss": "test loss",
    "col_test_accuracy": "test accuracy",
    "col_diagnosis": "diagnosis",
    "col_open": "open the run",
    "col_open_text": "open",
    "col_score": "score",
    "score_weights": "{score:,.0f} weights",
    "score_loss": "loss {score:.4f}",
    "score_epochs": "{score:,.0f} epochs",
    "diagnosis": {
        "hint_lr": "learning rate too high",
        "hint_vanishing": "vanishing gradients",
        "hint_no_gradient": "no gradient reaches the first layer",
        "hint_dead": "dying ReLUs",
    },
    # a student's line on the Playground
    "banner": "Class **{code}** · you are **{nickname}**",
    "banner_challenge": "Challenge:",
    "banner_unreachable": (
        "The class cannot be reached just now; your training goes on, and your teacher "
        "sees it again as soon as the class is back."
    ),
    "banner_ended": "Your teacher has ended the class. You can go on playing on your own.",
    "banner_paused": "Your teacher has paused the class.",
    "banner_new_setup": "Your teacher has sent a new set-up.",
    "banner_open_setup": "Open it",
}
