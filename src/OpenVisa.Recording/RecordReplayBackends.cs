using OpenVisa;

[assembly: VisaBackend(RecordReplaySpec.RecordBackend, typeof(RecordingLibrary),
    Description = "Records another backend into a session file: 'run.jsonl|<backend spec>@record'")]
[assembly: VisaBackend(RecordReplaySpec.ReplayBackend, typeof(ReplayLibrary),
    Description = "Plays a recorded session back (OpenVisa JSON Lines or PyTestLab YAML): 'run.jsonl@replay'")]
